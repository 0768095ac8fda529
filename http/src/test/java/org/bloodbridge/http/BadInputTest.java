package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad request gets the documented error, naming the field at fault, and changes nothing:
 * the donor it aimed at reads the same afterwards, and a refused registration registers no one.
 */
class BadInputTest extends OneServerPerClass {
    private static String donorId;
    private static final String UNREGISTERED = TestIds.resident(LocalDate.of(1985, 7, 12), false);

    @BeforeAll
    static void registerTheDonor() {
        donorId = DonorApiTest.registerDonor(server, "CD", DonorApiTest.newResidentId());
    }

    private static String reg(String replace, String with) {
        return DonorApiTest.registration("CD", UNREGISTERED, "F", "1985-07-12").replace(replace, with);
    }

    private static String withWrongCheckCharacter(String id) {
        return id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
    }

    static Stream<Arguments> cases() {
        String d = "/api/v1/donors/DONOR";
        return Stream.of(
                // Without a centre, the caller's own is the acting centre (AccessTest); an empty one is bad input.
                Arguments.of("POST", "/api/v1/donors", reg("\"centre\": \"CD\", ", "\"centre\": \"\", "), 400, "invalid", "centre"),
                Arguments.of("POST", "/api/v1/donors", reg("\"CD\"", "\"XX\""), 400, "invalid", "centre"),
                Arguments.of("POST", "/api/v1/donors", reg(UNREGISTERED, withWrongCheckCharacter(UNREGISTERED)), 400, "invalid", "nationalId"),
                Arguments.of("POST", "/api/v1/donors", reg("1985-07-12", "1985-07-13"), 400, "invalid", "birthDate"),
                Arguments.of("POST", "/api/v1/donors", reg("\"sex\": \"F\"", "\"sex\": \"M\""), 400, "invalid", "sex"),
                Arguments.of("POST", "/api/v1/donors", reg("\"sex\": \"F\"", "\"sex\": \"X\""), 400, "invalid", "sex"),
                Arguments.of("POST", "/api/v1/donors", reg("\"CN_RIC\", \"nationalId\": \"" + UNREGISTERED,
                        "\"PASSPORT\", \"nationalId\": \"" + UNREGISTERED).replace("1985-07-12", "2027-01-01"), 400, "invalid", "birthDate"),
                Arguments.of("POST", "/api/v1/donors", reg("\"weightKg\": 62", "\"weightKg\": \"heavy\""), 400, "invalid", "weightKg"),
                Arguments.of("POST", "/api/v1/donors", reg("\"A*24:02\"", "\"A*24;02\""), 400, "invalid", "hla.A[1]"),
                Arguments.of("POST", "/api/v1/donors", reg("\"A*02:01\"", "\"A*99:99\""), 400, "invalid", "hla.A[0]"),
                Arguments.of("POST", "/api/v1/donors", reg("\"B13\"", "\"B99\""), 400, "invalid", "hla.B[1]"),
                Arguments.of("POST", "/api/v1/donors", reg("\"HPA-1\": \"aa\"", "\"HPA-1\": \"ac\""), 400, "invalid", "hpa.HPA-1"),
                Arguments.of("POST", "/api/v1/donors", reg("\"HPA-1\": \"aa\"", "\"HPA-99\": \"aa\""), 400, "invalid", "hpa.HPA-99"),
                Arguments.of("POST", "/api/v1/donors", reg("\"Fy(a)\": \"+\"", "\"Xy(z)\": \"+\""), 400, "invalid", "redCell.Xy(z)"),
                Arguments.of("POST", "/api/v1/donors", reg("\"Jk(b)\": \"-\"", "\"Jk(b)\": \"weak\""), 400, "invalid", "redCell.Jk(b)"),
                Arguments.of("POST", "/api/v1/donors", reg("\"abo\": \"O\"", "\"abo\": \"C\""), 400, "invalid", "abo"),
                Arguments.of("POST", "/api/v1/donors", "{\"centre\": \"CD\",", 400, "invalid", null),
                Arguments.of("POST", "/api/v1/donors", "[1, 2]", 400, "invalid", null),
                Arguments.of("POST", d + "/donations", "{\"centre\": \"CD\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-11-26\"}", 400, "invalid", "date"),
                Arguments.of("POST", d + "/donations", "{\"centre\": \"CD\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-13-01\"}", 400, "invalid", "date"),
                Arguments.of("POST", d + "/donations", "{\"centre\": \"CD\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-06-01\", \"din\": \"G123498654321A\"}", 400, "invalid", "din"),
                Arguments.of("POST", d + "/donations", "{\"centre\": \"CD\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-06-01\", \"volumeMl\": 500}", 400, "invalid", "volumeMl"),
                Arguments.of("POST", d + "/donations", "{\"centre\": \"CD\", \"type\": \"PLATELETS_APHERESIS\", \"date\": \"2026-06-01\", \"doses\": 3}", 400, "invalid", "doses"),
                Arguments.of("POST", d + "/donations", "{\"centre\": \"CD\", \"type\": \"PLASMA\", \"date\": \"2026-06-01\"}", 400, "invalid", "type"),
                Arguments.of("POST", d + "/test-results", "{\"centre\": \"CD\", \"date\": \"2026-06-01\", \"marker\": \"HTLV\", \"result\": \"REACTIVE\"}", 400, "invalid", "marker"),
                Arguments.of("POST", d + "/test-results", "{\"centre\": \"CD\", \"date\": \"2026-06-01\", \"marker\": \"HIV\"}", 400, "invalid", "result"),
                Arguments.of("POST", d + "/deferrals", "{\"centre\": \"CD\", \"reason\": \"x\", \"from\": \"2026-11-01\", \"until\": \"2027-01-01\", \"permanent\": true}", 400, "invalid", "until"),
                Arguments.of("POST", d + "/deferrals", "{\"centre\": \"CD\", \"reason\": \"x\", \"from\": \"2026-11-01\", \"until\": \"2026-10-01\"}", 400, "invalid", "until"),
                Arguments.of("POST", d + "/deferrals", "{\"centre\": \"CD\", \"reason\": \"x\", \"from\": \"2026-12-01\", \"permanent\": true}", 400, "invalid", "from"),
                Arguments.of("PATCH", d, "{\"nationalId\": \"11010519491231002X\"}", 400, "invalid", "nationalId"),
                Arguments.of("PATCH", d, "{\"birthDate\": \"1990-01-01\"}", 400, "invalid", "birthDate"),
                Arguments.of("PATCH", d, "{\"centre\": \"CD\", \"hla\": {\"D\": [\"A2\"]}}", 400, "invalid", "hla.D"),
                Arguments.of("PATCH", d, "{\"centre\": \"CD\", \"hla\": {\"A\": [\"A2\", \"A24\", \"A11\"]}}", 400, "invalid", "hla.A"),
                Arguments.of("PATCH", d, "{\"hla\": {\"C\": [\"C*99:01\"]}}", 400, "invalid", "hla.C[0]"),
                Arguments.of("GET", d + "/eligibility?date=2026-02-30", null, 400, "invalid", "date"),
                Arguments.of("GET", d + "/eligibility?type=PLASMA", null, 400, "invalid", "type"),
                Arguments.of("POST", "/api/v1/donors/aaaaaaaaaaaaaaaaaaaaaaaa/donations",
                        "{\"centre\": \"CD\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-06-01\"}", 404, "not_found", null),
                Arguments.of("GET", "/api/v1/donors/not-a-donor-id", null, 404, "not_found", null),
                Arguments.of("GET", "/api/v1/nowhere", null, 404, "not_found", null),
                Arguments.of("POST", "/api/v1/donors/lookup", "{\"nationalId\": \"" + UNREGISTERED + "\"}", 404, "not_found", null),
                Arguments.of("POST", "/api/v1/eligibility/batch", "{\"type\": \"WHOLE_BLOOD\"}", 400, "invalid", "checks"));
    }

    @ParameterizedTest(name = "{0} {1} -> {3} {5}")
    @MethodSource("cases")
    void badInputIsRefusedWithTheFieldAndLeavesNoTrace(String method, String path, String body, int status, String error, String field) {
        JsonNode before = donor();
        String target = path.replace("DONOR", donorId);
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(target)).header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = server.send(request);

        assertEquals(status, response.statusCode(), response.body());
        JsonNode json = TestServer.json(response);
        assertEquals(error, json.get("error").asText());
        assertEquals(field, json.has("field") ? json.get("field").asText() : null, response.body());
        assertEquals(before, donor(), "the donor is unchanged");
        assertEquals(404, server.post("/api/v1/donors/lookup", "{\"nationalId\": \"" + UNREGISTERED + "\"}").statusCode(),
                "no one was registered");
    }

    private static JsonNode donor() {
        return TestServer.json(server.get("/api/v1/donors/" + donorId));
    }

    @Test
    void malformedJsonIsReportedByPositionWithoutEchoingTheInput() {
        HttpResponse<String> response = server.post("/api/v1/donors/lookup", "{\"nationalId\": 11010519491231002X}");
        assertEquals(400, response.statusCode());
        assertEquals("the request body is not valid JSON (column 33)", TestServer.json(response).get("message").asText());
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/donors"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("centre=CD")));
        assertEquals(415, response.statusCode());
        assertEquals("unsupported_media_type", TestServer.json(response).get("error").asText());
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "{\"checks\": [" + "{\"donorId\": \"aaaaaaaaaaaaaaaaaaaaaaaa\"},".repeat(80_000) + "{}]}";
        HttpResponse<String> response = server.post("/api/v1/eligibility/batch", huge);
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("too_large", TestServer.json(response).get("error").asText());
    }

    @Test
    void moreThanTenThousandChecksIsRefused() {
        String checks = "{\"donorId\": \"aaaaaaaaaaaaaaaaaaaaaaaa\"},".repeat(10_000) + "{\"donorId\": \"aaaaaaaaaaaaaaaaaaaaaaaa\"}";
        HttpResponse<String> response = server.post("/api/v1/eligibility/batch", "{\"checks\": [" + checks + "]}");
        assertEquals(400, response.statusCode());
        assertEquals("checks", TestServer.json(response).get("field").asText());
    }
}
