package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bloodbridge.persistence.metrics.PrometheusText;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/import} over real HTTP: good lines in, bad lines reported by number, re-import adds nothing. */
class ImportTest extends OneServerPerClass {

    /** A registration as {@code POST /api/v1/donors} takes it, on one line, with {@code extra} fields appended. */
    private static String line(String centre, String nationalId, String extra) {
        return DonorApiTest.registration(centre, nationalId, "M", "1990-05-01").replace("\n", " ").trim()
                .replaceFirst("}\\s*$", extra + "}");
    }

    private static HttpResponse<String> postImport(String contentType, String body) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/import")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Starts an import and polls its report until done. */
    private static JsonNode importAndWait(String ndjson) {
        HttpResponse<String> started = postImport("application/x-ndjson", ndjson);
        assertEquals(202, started.statusCode(), started.body());
        String jobId = TestServer.json(started).get("jobId").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> progress = server.get("/api/v1/import/" + jobId);
            assertEquals(200, progress.statusCode(), progress.body());
            JsonNode report = TestServer.json(progress);
            if (report.get("done").asBoolean()) {
                return report;
            }
        }
        throw new AssertionError("import " + jobId + " not done within 60 s");
    }

    private static JsonNode lookup(String nationalId) {
        HttpResponse<String> found = server.post("/api/v1/donors/lookup", "{\"nationalId\": \"" + nationalId + "\"}");
        assertEquals(200, found.statusCode(), found.body());
        return TestServer.json(found);
    }

    @Test
    void importsGoodLinesReportsBadOnesByNumberAndReimportingAddsNothing() {
        String withHistory = DonorApiTest.newResidentId();
        String plain = DonorApiTest.newResidentId();
        String existing = DonorApiTest.newResidentId();
        String badCheck = DonorApiTest.newResidentId();
        String badCheckCharacter = badCheck.substring(0, 17) + (badCheck.charAt(17) == '0' ? '1' : '0');
        String unknownAllele = DonorApiTest.newResidentId();
        String badDin = DonorApiTest.newResidentId();
        String existingId = DonorApiTest.registerDonor(server, "CD", existing);

        String ndjson = String.join("\n",
                line("CD", withHistory, """
                        , "registeredOn": "2018-03-01",
                        "donations": [{"type": "WHOLE_BLOOD", "date": "2026-04-01", "volumeMl": 400},
                                      {"centre": "CQ", "type": "WHOLE_BLOOD", "date": "2026-06-01", "volumeMl": 400, "din": "G123498654321H"}],
                        "testResults": [{"date": "2026-06-01", "marker": "HIV", "result": "NON_REACTIVE"}],
                        "deferrals": [{"reason": "travel", "from": "2026-11-01", "until": "2027-05-01"}]
                        """.replace("\n", " ")),
                line("CQ", plain, ""),
                "{\"centre\": \"CD\", \"nationalId\": \"" + plain + "\", ",
                "",
                line("CD", badCheckCharacter, ""),
                line("CD", unknownAllele, "").replace("\"A*02:01\"", "\"A*99:99\""),
                line("CQ", existing, ", \"donations\": [{\"type\": \"PLATELETS_APHERESIS\", \"date\": \"2026-01-05\", \"doses\": 1}]"),
                line("CD", badDin, ", \"donations\": [{\"type\": \"WHOLE_BLOOD\", \"date\": \"2026-01-05\", \"din\": \"G123498654321A\"}]"))
                + "\n";

        JsonNode report = importAndWait(ndjson);
        assertEquals(8, report.get("linesRead").asInt(), report.toString());
        assertEquals(3, report.get("accepted").asInt(), report.toString());
        assertEquals(2, report.get("created").asInt());
        assertEquals(5, report.get("added").asInt(), "four records of the first line, one of the existing donor");
        assertEquals(1, report.get("ruleViolations").asInt(), "two whole blood donations two months apart");
        assertEquals(4, report.get("rejected").asInt());
        assertEquals("[3, 5, 6, 8]", report.get("rejections").findValuesAsText("line").toString());
        assertEquals(List.of("invalid", "invalid", "invalid", "invalid"), report.get("rejections").findValuesAsText("error"));
        JsonNode rejections = report.get("rejections");
        assertFalse(rejections.get(0).has("field") && !rejections.get(0).get("field").isNull(), "malformed JSON names no field");
        assertEquals("nationalId", rejections.get(1).get("field").asText());
        assertEquals("hla.A[0]", rejections.get(2).get("field").asText());
        assertEquals("donations[0].din", rejections.get(3).get("field").asText());
        assertTrue(report.get("startedAt").isTextual() && report.get("finishedAt").isTextual(), report.toString());
        for (String id : List.of(withHistory, plain, existing, badCheckCharacter, unknownAllele, badDin)) {
            assertFalse(report.toString().contains(id), "the report never shows a national ID");
        }

        JsonNode donor = lookup(withHistory);
        assertEquals("CD", donor.get("homeCentre").asText());
        assertEquals("Test Donor", donor.get("name").asText(), "the name sealed with the key the line's insert created");
        assertEquals("2018-03-01T00:00:00Z", donor.get("registeredAt").asText());
        assertEquals(2, donor.get("donations").size());
        assertEquals("CQ", donor.at("/donations/1/centre").asText());
        assertEquals(1, donor.get("testResults").size());
        assertEquals(1, donor.get("deferrals").size());
        assertEquals("[\"CD\",\"CQ\"]", donor.get("centres").toString());
        JsonNode check = TestServer.json(server.get(
                "/api/v1/donors/" + donor.get("donorId").asText() + "/eligibility?type=WHOLE_BLOOD&date=2026-11-25"));
        assertFalse(check.get("eligible").asBoolean());
        assertEquals("2027-05-01", check.get("nextEligibleDate").asText(), "the imported deferral outlasts the interval");
        assertEquals("CQ", lookup(plain).get("homeCentre").asText());
        JsonNode merged = lookup(existing);
        assertEquals(existingId, merged.get("donorId").asText());
        assertEquals("CD", merged.get("homeCentre").asText(), "the home centre stays");
        assertEquals(1, merged.get("donations").size());
        assertEquals(404, server.post("/api/v1/donors/lookup", "{\"nationalId\": \"" + unknownAllele + "\"}").statusCode(),
                "a rejected line writes nothing");

        JsonNode again = importAndWait(ndjson);
        assertEquals(3, again.get("accepted").asInt());
        assertEquals(0, again.get("created").asInt());
        assertEquals(0, again.get("added").asInt());
        assertEquals(5, again.get("skipped").asInt(), "every key already there: the insert answered with it");
        assertEquals(0, again.get("ruleViolations").asInt());
        assertEquals(2, lookup(withHistory).get("donations").size());
        assertEquals("CD", lookup(existing).get("homeCentre").asText());
    }

    @Test
    void manyLinesAreImportedWithBoundedParallelism() {
        int lines = 1000;
        List<String> ids = new ArrayList<>();
        String ndjson = IntStream.range(0, lines).mapToObj(i -> {
            String id = TestIds.resident(LocalDate.of(1980 + i % 20, 1 + i % 12, 1 + i % 28), true);
            ids.add(id);
            return line(i % 2 == 0 ? "CD" : "CQ", id,
                    ", \"donations\": [{\"type\": \"WHOLE_BLOOD\", \"date\": \"2026-06-01\", \"volumeMl\": 400}]")
                    .replace("1990-05-01", LocalDate.of(1980 + i % 20, 1 + i % 12, 1 + i % 28).toString());
        }).collect(Collectors.joining("\n"))
                // Blank padding past the global 2 MB request limit, which the import route lifts.
                + ("\n" + " ".repeat(1000)).repeat(3000);
        double acceptedBefore = importedLines("accepted");
        double rejectedBefore = importedLines("rejected");
        long start = System.nanoTime();
        JsonNode report = importAndWait(ndjson);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(lines, report.get("accepted").asInt(), report.toString());
        assertEquals(lines, report.get("added").asInt());
        assertEquals(0, report.get("rejected").asInt());
        assertEquals(lines + 3000, report.get("linesRead").asInt());
        assertEquals(acceptedBefore + lines, importedLines("accepted"), "the node's import meter");
        assertEquals(rejectedBefore, importedLines("rejected"));
        System.out.printf("import throughput: %d lines in %.2f s = %.0f lines/s%n", lines, seconds, lines / seconds);
        assertEquals(1, lookup(ids.get(lines - 1)).get("donations").size());
    }

    /** {@code bloodbridge_import_lines_total} of {@code outcome}, from the node's /metrics. */
    private static double importedLines(String outcome) {
        return PrometheusText.sum(server.scrapeMetrics().body(), "bloodbridge_import_lines_total", Map.of("outcome", outcome));
    }

    @Test
    void anImportMustBeNdjsonAndAnUnknownJobIs404() {
        HttpResponse<String> json = postImport("application/json", "{}");
        assertEquals(415, json.statusCode(), json.body());
        assertEquals("unsupported_media_type", TestServer.json(json).get("error").asText());
        HttpResponse<String> unknown = server.get("/api/v1/import/no-such-job");
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", TestServer.json(unknown).get("error").asText());
    }
}
