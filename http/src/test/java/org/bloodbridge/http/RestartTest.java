package org.bloodbridge.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bloodbridge.persistence.metrics.PrometheusText;
import org.junit.jupiter.api.Test;

/** Acknowledged writes survive a restart of the whole actor system: they are in Cassandra. */
class RestartTest {

    @Test
    void everyAcknowledgedWriteSurvivesARestart() {
        String keyspaces;
        String donorId;
        String recalled;
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
            recalled = Recalls.donorWithDonations(first, false);
            Recalls.hiv(first, recalled, "CQ", "2026-11-20", "REACTIVE");
            assertEquals(200, first.post("/api/v1/recalls/" + recallIdAt(first, recalled, "CD") + "/acknowledge",
                    "{\"outcome\": \"TRANSFUSED\"}").statusCode());
        }
        try (TestServer second = TestServer.start(keyspaces)) {
            assertEquals(before, TestServer.json(second.get("/api/v1/donors/" + donorId)));
            JsonNode check = TestServer.json(second.get("/api/v1/donors/" + donorId + "/eligibility?type=PLATELETS_APHERESIS"));
            assertEquals("[INTERVAL, DEFERRED_TEMPORARY]", check.findValuesAsText("code").toString());
            assertEquals("2027-05-20", check.get("nextEligibleDate").asText(), "ALT on 2026-11-21 defers 180 days");
            // The recalls and the acknowledgement are events: whether or not listed before the stop, they are after.
            MatchApiTest.awaitTrue(() -> Recalls.of(second, "CD", recalled).size() == 1
                    && Recalls.of(second, "CD", recalled).get(0).get("status").asText().equals("ACKNOWLEDGED")
                    && Recalls.of(second, "CQ", recalled).size() == 1, "the recalls and the acknowledgement after the restart");
            assertEquals("TRANSFUSED", Recalls.of(second, "CD", recalled).get(0).at("/acknowledgement/outcome").asText());
            assertEquals(409, second.post("/api/v1/recalls/" + Recalls.of(second, "CD", recalled).get(0).get("recallId").asText()
                    + "/acknowledge", "{\"outcome\": \"RECALLED\"}").statusCode(), "the acknowledgement is in the journal");
        }
    }

    /** Match requests leave memory after a second without a command: the second nodes below recover them often. */
    private static final Map<String, Object> QUICK_PASSIVATION = Map.of("bloodbridge.match-requests.passivate-after-idle", "1s");

    /** The recall of {@code donorId} on {@code centre}'s list, once listed. */
    private static String recallIdAt(TestServer server, String donorId, String centre) {
        MatchApiTest.awaitTrue(() -> Recalls.of(server, centre, donorId).size() == 1, "the recall on the " + centre + " list");
        return Recalls.of(server, centre, donorId).get(0).get("recallId").asText();
    }

    @Test
    void matchRequestsTheirStateAndReservationsSurviveARestartAndPoolsRebuild() {
        String keyspaces;
        String reserved;
        String free;
        String requestPath;
        try (TestServer first = TestServer.start()) {
            keyspaces = first.keyspaceSuffix;
            reserved = Donors.platelet(first, "CQ", "A", MatchApiTest.PATIENT_HLA, "{\"HPA-1\": \"bb\"}");
            free = Donors.platelet(first, "CD", "A", MatchApiTest.PATIENT_HLA, "{\"HPA-1\": \"bb\"}");
            JsonNode request = MatchApiTest.matchUntil(first, MatchApiTest.plateletRequest(20),
                    r -> MatchApiTest.donorIds(r).containsAll(List.of(reserved, free)));
            requestPath = "/api/v1/match-requests/" + request.get("requestId").asText();
            MatchApiTest.ok(first.post(requestPath + "/candidates/" + reserved + "/contact", ""));
            MatchApiTest.ok(first.post(requestPath + "/candidates/" + reserved + "/accept", ""));
            assertEquals(201, first.post(requestPath + "/allocations",
                    "{\"donorId\": \"" + reserved + "\", \"collectingCentre\": \"CQ\"}").statusCode());
        }
        try (TestServer second = TestServer.start(keyspaces, QUICK_PASSIVATION)) {
            JsonNode request = TestServer.json(second.get(requestPath));
            assertEquals("ALLOCATED", request.get("status").asText());
            assertEquals(4, request.get("events").size(), "created, contacted, accepted, allocated");
            assertEquals(List.of("ACCEPTED", "PROPOSED"), List.of(candidate(request, reserved).get("state").asText(),
                    candidate(request, free).get("state").asText()));
            assertEquals(request.get("requestId").asText(),
                    TestServer.json(second.get("/api/v1/donors/" + reserved)).at("/reservations/0/requestId").asText());
            JsonNode after = MatchApiTest.matchUntil(second, MatchApiTest.plateletRequest(20),
                    r -> MatchApiTest.donorIds(r).contains(free));
            assertEquals(List.of(free), MatchApiTest.donorIds(after), "the reserved donor is not offered again");
            JsonNode fulfilled = TestServer.json(MatchApiTest.ok(second.post(requestPath + "/fulfil", "")));
            assertEquals("FULFILLED", fulfilled.get("status").asText(), "the workflow goes on where it was");
            // Closed and idle, the request leaves memory (so does every other one here, none is standing),
            // and a later read recovers all of it from its events.
            await("every match request passivated").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> second.scrapeMetrics().body(), metrics -> metrics.contains("\nbloodbridge_match_requests_in_memory ")
                            && PrometheusText.sum(metrics, "bloodbridge_match_requests_in_memory", Map.of()) == 0);
            assertEquals(fulfilled, TestServer.json(second.get(requestPath)));
        }
    }

    /** Section 7: a standing request keeps what it gained, and after a restart goes on gaining, unasked. */
    @Test
    void aStandingRequestLosesNoCandidateOnRestartAndGoesOnStanding() {
        String keyspaces;
        String requestPath;
        String before;
        // A typing no other donor of this keyspace has (A1 A3 B8 B35).
        String hla = "{\"A\": [\"A1\", \"A3\"], \"B\": [\"B8\", \"B35\"]}";
        String standing = """
                {"requestingCentre": "CQ", "product": "PLATELETS_APHERESIS", "neededBy": "2026-11-26", "standing": true,
                 "patient": {"reference": "P-STANDING", "abo": "A", "rhD": "POS", "hla": %s}, "maxCandidates": 5}
                """.formatted(hla);
        try (TestServer first = TestServer.start()) {
            keyspaces = first.keyspaceSuffix;
            HttpResponse<String> created = first.post("/api/v1/match-requests", standing);
            assertEquals(201, created.statusCode(), created.body());
            requestPath = "/api/v1/match-requests/" + TestServer.json(created).get("requestId").asText();
            before = Donors.platelet(first, "CD", "A", hla, "{\"HPA-1\": \"bb\"}");
            await("the standing request gains a donor").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> MatchApiTest.donorIds(TestServer.json(first.get(requestPath))).contains(before));
        }
        try (TestServer second = TestServer.start(keyspaces, QUICK_PASSIVATION)) { // an open standing request stays
            assertEquals(List.of(before), MatchApiTest.donorIds(TestServer.json(second.get(requestPath))));
            // Registered after the restart, and nothing asks for the request: the list of standing
            // requests starts it, it watches the pools again and gains the donor.
            String after = Donors.platelet(second, "CQ", "A", hla, "{\"HPA-1\": \"bb\"}");
            await("the standing request gains a donor after the restart").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> MatchApiTest.donorIds(TestServer.json(second.get(requestPath))), ids -> ids.contains(after));
            assertEquals(List.of(after, before), MatchApiTest.donorIds(TestServer.json(second.get(requestPath))),
                    "placed by rank: of two identical matches the requesting centre's (CQ) own donor first");
        }
    }

    private static JsonNode candidate(JsonNode request, String donorId) {
        for (JsonNode candidate : request.get("candidates")) {
            if (candidate.get("donorId").asText().equals(donorId)) {
                return candidate;
            }
        }
        throw new AssertionError(donorId + " is not a candidate of " + request);
    }
}
