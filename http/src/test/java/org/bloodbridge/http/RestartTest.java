package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Acknowledged writes survive a restart of the whole actor system: they are in Cassandra. */
class RestartTest {

    @Test
    void everyAcknowledgedWriteSurvivesARestart() {
        String keyspaces;
        String donorId;
        JsonNode before;
        try (TestServer first = TestServer.start()) {
            keyspaces = first.keyspaceSuffix;
            donorId = DonorApiTest.registerDonor(first, "CD", DonorApiTest.newResidentId());
            assertEquals(201, first.post("/api/v1/donors/" + donorId + "/donations",
                    "{\"centre\": \"CQ\", \"type\": \"PLATELETS_APHERESIS\", \"date\": \"2026-11-20\", \"doses\": 2}").statusCode());
            assertEquals(201, first.post("/api/v1/donors/" + donorId + "/test-results",
                    "{\"centre\": \"CD\", \"date\": \"2026-11-21\", \"marker\": \"ALT\", \"result\": \"REACTIVE\"}").statusCode());
            assertEquals(200, first.patch("/api/v1/donors/" + donorId, "{\"weightKg\": 71}").statusCode());
            before = TestServer.json(first.get("/api/v1/donors/" + donorId));
        }
        try (TestServer second = TestServer.start(keyspaces)) {
            assertEquals(before, TestServer.json(second.get("/api/v1/donors/" + donorId)));
            JsonNode check = TestServer.json(second.get("/api/v1/donors/" + donorId + "/eligibility?type=PLATELETS_APHERESIS"));
            assertEquals("[INTERVAL, DEFERRED_TEMPORARY]", check.findValuesAsText("code").toString());
            assertEquals("2027-05-20", check.get("nextEligibleDate").asText(), "ALT on 2026-11-21 defers 180 days");
        }
    }
}
