package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Look-back recalls through the API, for tests: a donor with donations at CD and CQ, and the recall lists. */
final class Recalls {
    private Recalls() {}

    /**
     * A donor of CD with donations on 2025-06-01 (CD), 2026-01-10 (CQ) and 2026-07-15 (CD); with a
     * NON_REACTIVE HIV result on 2025-03-01 when {@code earlierNegative}.
     */
    static String donorWithDonations(TestServer server, boolean earlierNegative) {
        String donorId = DonorApiTest.registerDonor(server, "CD", DonorApiTest.newResidentId());
        created(server, donorId, "donations", "{\"centre\": \"CD\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2025-06-01\", \"volumeMl\": 400}");
        created(server, donorId, "donations",
                "{\"centre\": \"CQ\", \"type\": \"PLATELETS_APHERESIS\", \"date\": \"2026-01-10\", \"doses\": 1}");
        created(server, donorId, "donations", "{\"centre\": \"CD\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-07-15\", \"volumeMl\": 400}");
        if (earlierNegative) {
            hiv(server, donorId, "CD", "2025-03-01", "NON_REACTIVE");
        }
        return donorId;
    }

    static void hiv(TestServer server, String donorId, String centre, String date, String result) {
        created(server, donorId, "test-results",
                "{\"centre\": \"" + centre + "\", \"date\": \"" + date + "\", \"marker\": \"HIV\", \"result\": \"" + result + "\"}");
    }

    private static void created(TestServer server, String donorId, String what, String body) {
        var response = server.post("/api/v1/donors/" + donorId + "/" + what, body);
        assertEquals(201, response.statusCode(), response.body());
    }

    /** {@code donorId}'s entries on {@code centre}'s list (every page). */
    static List<JsonNode> of(TestServer server, String centre, String donorId) {
        List<JsonNode> found = new ArrayList<>();
        String cursor = null;
        do {
            var response = server.get("/api/v1/recalls?centre=" + centre + "&limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, response.statusCode(), response.body());
            JsonNode page = TestServer.json(response);
            page.get("recalls").forEach(r -> {
                if (r.get("donorId").asText().equals(donorId)) {
                    found.add(r);
                }
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return found;
    }

    static List<String> dates(List<JsonNode> recalls) {
        return recalls.stream().map(r -> r.at("/donation/date").asText()).sorted().toList();
    }
}
