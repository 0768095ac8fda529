package org.bloodbridge.bench.data;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes donors as {@code POST /api/v1/import} NDJSON: one registration object a line with
 * {@code registeredOn} and its {@code donations}, {@code testResults} and {@code deferrals}
 * (empty ones left out). Streams through one Jackson generator, so nothing accumulates.
 */
public final class ImportLineWriter implements Closeable {
    private final JsonGenerator json;

    public ImportLineWriter(OutputStream out) throws IOException {
        this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
    }

    public void write(SyntheticDonor donor) throws IOException {
        json.writeStartObject();
        json.writeStringField("centre", donor.centre());
        json.writeStringField("idType", "CN_RIC");
        json.writeStringField("nationalId", donor.nationalId());
        json.writeStringField("sex", donor.sex().name());
        json.writeStringField("birthDate", donor.birthDate().toString());
        if (donor.weightKg() != null) {
            json.writeNumberField("weightKg", donor.weightKg());
        }
        json.writeStringField("abo", donor.abo());
        json.writeStringField("rhD", donor.rhD());
        if (!donor.hla().isEmpty()) {
            json.writeObjectFieldStart("hla");
            for (Map.Entry<String, List<String>> locus : donor.hla().entrySet()) {
                json.writeArrayFieldStart(locus.getKey());
                for (String name : locus.getValue()) {
                    json.writeString(name);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        stringMap("hpa", donor.hpa());
        stringMap("redCell", donor.redCell());
        json.writeStringField("registeredOn", donor.registeredOn().toString());
        array("donations", donor.donations(), this::donation);
        array("testResults", donor.testResults(), this::testResult);
        array("deferrals", donor.deferrals(), this::deferral);
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void donation(Donation d) throws IOException {
        json.writeStringField("centre", d.centre());
        json.writeStringField("type", d.type().name());
        json.writeStringField("date", d.date().toString());
        if (d.volumeMl() != null) {
            json.writeNumberField("volumeMl", d.volumeMl());
        }
        if (d.doses() != null) {
            json.writeNumberField("doses", d.doses());
        }
        json.writeStringField("din", d.din());
    }

    private void testResult(TestResult t) throws IOException {
        json.writeStringField("centre", t.centre());
        json.writeStringField("date", t.date().toString());
        json.writeStringField("marker", t.marker());
        json.writeStringField("result", t.reactive() ? "REACTIVE" : "NON_REACTIVE");
    }

    private void deferral(Deferral d) throws IOException {
        json.writeStringField("centre", d.centre());
        json.writeStringField("reason", d.reason());
        json.writeStringField("from", d.from().toString());
        if (d.permanent()) {
            json.writeBooleanField("permanent", true);
        } else {
            json.writeStringField("until", d.until().toString());
        }
    }

    /** The fields of one array element; the caller opens and closes its object. */
    private interface Fields<T> {
        void write(T item) throws IOException;
    }

    private <T> void array(String field, List<T> items, Fields<T> fields) throws IOException {
        if (items.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart(field);
        for (T item : items) {
            json.writeStartObject();
            fields.write(item);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void stringMap(String field, Map<String, String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    /** Flushes and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        json.close();
    }
}
