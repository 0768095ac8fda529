package org.bloodbridge.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.RequestEntity;

/** The one JSON mapper of the API: ISO dates and instants, records as objects. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {}

    /**
     * Parses {@code what} ("the request body", "the line"). A failure names only where the JSON
     * breaks, never Jackson's own message, which may quote the input and with it a national ID.
     */
    public static JsonNode parse(String text, String what) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw ApiError.invalid(null, what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? ""
                    : at.getLineNr() > 1 ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"
                    : " (column " + at.getColumnNr() + ")";
            throw ApiError.invalid(null, what + " is not valid JSON" + where);
        }
    }

    public static <T> Marshaller<T, RequestEntity> marshaller() {
        return Jackson.marshaller(MAPPER);
    }
}
