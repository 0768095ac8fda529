package org.bloodbridge.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.bloodbridge.persistence.metrics.PrometheusText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Emergency matching over HTTP against the real Cassandra, two centres: a designed donor set whose
 * ranking follows domain-rules.md section 4 exactly, the workflow, and allocation races.
 */
class MatchApiTest extends OneServerPerClass {
    static final String PATIENT_HLA = "{\"A\": [\"A2\", \"A24\"], \"B\": [\"B46\", \"B60\"]}";
    private static final String HPA_1BB = "{\"HPA-1\": \"bb\"}";
    private static final List<String> RANKED = new ArrayList<>();
    private static final List<String> EXCLUDED = new ArrayList<>();

    /** A platelet request of a CD patient (female, A POS) with anti-B7 and anti-HPA-1a. */
    static String plateletRequest(int maxCandidates) {
        return """
                {"requestingCentre": "CD", "hospital": "West China Hospital", "product": "PLATELETS_APHERESIS",
                 "units": 1, "urgency": "EMERGENCY", "neededBy": "2026-11-26",
                 "patient": {"reference": "P-123", "sex": "F", "abo": "A", "rhD": "POS", "hla": %s,
                   "hlaAntibodies": ["B7"], "hpaAntibodies": ["HPA-1a"]},
                 "maxCandidates": %d, "timeoutMs": 3000}
                """.formatted(PATIENT_HLA, maxCandidates);
    }

    @BeforeAll
    static void designedDonors() {
        // In the order the rules rank them (section 4.5).
        String identicalHome = Donors.platelet(server, "CD", "A", PATIENT_HLA, HPA_1BB);
        String identicalOther = Donors.platelet(server, "CQ", "A", PATIENT_HLA, HPA_1BB);
        String identicalMinor = Donors.platelet(server, "CQ", "O", PATIENT_HLA, HPA_1BB);
        String oneNotDetected = Donors.platelet(server, "CD", "A", "{\"A\": [\"A2\"], \"B\": [\"B46\", \"B60\"]}", HPA_1BB);
        String oneCrossReactive = Donors.platelet(server, "CQ", "A", "{\"A\": [\"A2\", \"A24\"], \"B\": [\"B46\", \"B61\"]}", HPA_1BB);
        String oneMismatch = Donors.platelet(server, "CD", "A", "{\"A\": [\"A11\", \"A24\"], \"B\": [\"B46\", \"B60\"]}", HPA_1BB);
        RANKED.addAll(List.of(identicalHome, identicalOther, identicalMinor, oneNotDetected, oneCrossReactive, oneMismatch));
        // Never returned.
        EXCLUDED.add(Donors.platelet(server, "CD", "A", PATIENT_HLA, "{\"HPA-1\": \"ab\"}")); // carries HPA-1a
        EXCLUDED.add(Donors.platelet(server, "CQ", "A", PATIENT_HLA, "{\"HPA-5\": \"aa\"}")); // untyped for HPA-1
        EXCLUDED.add(Donors.platelet(server, "CQ", "A", "{\"A\": [\"A2\", \"A24\"], \"B\": [\"B7\", \"B46\"]}", HPA_1BB)); // anti-B7
        EXCLUDED.add(Donors.platelet(server, "CD", "A", "{\"A\": [\"A2\"]}", HPA_1BB)); // not on the platelet panel
        String deferred = Donors.platelet(server, "CQ", "A", PATIENT_HLA, HPA_1BB);
        Donors.defer(server, deferred);
        EXCLUDED.add(deferred);
    }

    /** Posts match requests until one satisfies {@code done} (the pools take the new donors in asynchronously). */
    static JsonNode matchUntil(TestServer server, String request, Predicate<JsonNode> done) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = server.post("/api/v1/match-requests", request);
            assertEquals(201, response.statusCode(), response.body());
            return TestServer.json(response);
        }, done::test);
    }

    static List<String> donorIds(JsonNode request) {
        List<String> ids = new ArrayList<>();
        request.get("candidates").forEach(c -> ids.add(c.get("donorId").asText()));
        return ids;
    }

    @Test
    void theDesignedDonorSetRanksExactlyAsTheRulesSay() {
        JsonNode found = matchUntil(server, plateletRequest(20), r -> donorIds(r).size() >= RANKED.size());
        assertEquals(RANKED, donorIds(found));
        assertEquals("CANDIDATES_FOUND", found.get("status").asText());
        assertEquals("[\"CD\",\"CQ\"]", found.get("centresAnswered").toString());
        assertEquals("[]", found.get("centresMissing").toString());
        List<String> grades = new ArrayList<>();
        found.get("candidates").forEach(c -> grades.add(c.get("grade").asText() + "/" + c.get("abo").asText()));
        assertEquals(List.of("A/IDENTICAL", "A/IDENTICAL", "A/MINOR", "B1U/IDENTICAL", "B1X/IDENTICAL", "C/IDENTICAL"), grades);
        JsonNode crossReactive = found.at("/candidates/4");
        assertEquals("[\"A2\",\"A24\",\"B46\"]", crossReactive.get("identical").toString());
        assertEquals("[\"B61\"]", crossReactive.get("crossReactive").toString());
        assertEquals(5, crossReactive.get("rank").asInt());
        assertEquals("PROPOSED", crossReactive.get("state").asText());
        assertEquals("2026-11-25", crossReactive.get("eligibleFrom").asText());
        for (String excluded : EXCLUDED) {
            assertFalse(donorIds(found).contains(excluded), excluded + " must never be returned");
        }

        JsonNode read = TestServer.json(server.get("/api/v1/match-requests/" + found.get("requestId").asText()));
        assertEquals(found.get("candidates"), read.get("candidates"), "the result is stored as answered");
    }

    /** Section 7: anti-B7 given with an MFI below the cut-off keeps the B7 donor, with its dsaMfi, ranked after (m, x, u). */
    @Test
    void anAntibodyWithAnMfiBelowTheCutOffCountsInsteadOfExcluding() {
        String request = plateletRequest(20).replace("\"hlaAntibodies\": [\"B7\"]",
                "\"hlaAntibodies\": [{\"specificity\": \"B7\", \"mfi\": 900}]");
        String b7Donor = EXCLUDED.get(2);
        JsonNode found = matchUntil(server, request, r -> donorIds(r).contains(b7Donor));
        for (JsonNode candidate : found.get("candidates")) {
            boolean carriesB7 = candidate.get("donorId").asText().equals(b7Donor);
            assertEquals(carriesB7 ? 900 : 0, candidate.get("dsaMfi").asInt(), candidate.toString());
            assertEquals(carriesB7 ? "[\"B7\"]" : "[]", candidate.get("dsaAntibodies").toString());
            assertFalse(candidate.get("dsaWarning").asBoolean());
            if (carriesB7) {
                assertEquals("C", candidate.get("grade").asText());
            }
        }
        // the other one-mismatch donor (dsaMfi 0) ranks first
        String oneMismatch = RANKED.get(5);
        if (donorIds(found).contains(oneMismatch)) {
            assertTrue(donorIds(found).indexOf(oneMismatch) < donorIds(found).indexOf(b7Donor));
        }
        JsonNode read = TestServer.json(server.get("/api/v1/match-requests/" + found.get("requestId").asText()));
        assertEquals("[\"B7\"]", read.at("/patient/hlaAntibodies").toString());
        assertEquals("[900]", read.at("/patient/hlaAntibodyMfi").toString());
        assertEquals(found.get("candidates"), read.get("candidates"));
    }

    /**
     * Section 7: a standing request that found nobody gains a donor registered after it, as an event,
     * and lists it in its changes; one already full of a poorer match takes the donor in that match's
     * place; a cancelled one, told of the same donor, gains nothing.
     */
    @Test
    void aStandingRequestGainsADonorWhoQualifiesLaterAndACancelledOneDoesNot() {
        // Antibodies against A2, A24, B8 and B35 exclude every other donor of this class; the newcomer carries
        // HPA-1a, so the other tests' patient (anti-HPA-1a) never gets it.
        String standing = """
                {"requestingCentre": "CD", "product": "PLATELETS_APHERESIS", "neededBy": "2026-11-26", "standing": true,
                 "patient": {"reference": "P-CHRONIC", "sex": "M", "abo": "A", "rhD": "POS",
                   "hla": {"A": ["A1", "A3"], "B": ["B46", "B60"]}, "hlaAntibodies": ["A2", "A24", "B8", "B35"]},
                 "maxCandidates": 5, "timeoutMs": 2000}
                """;
        JsonNode open = TestServer.json(server.post("/api/v1/match-requests", standing));
        assertEquals("NO_CANDIDATES", open.get("status").asText(), open.toString());
        assertTrue(open.get("standing").asBoolean());
        String openId = open.get("requestId").asText();
        String cancelledId = TestServer.json(server.post("/api/v1/match-requests", standing)).get("requestId").asText();
        ok(server.post("/api/v1/match-requests/" + cancelledId + "/cancel", "{}"));
        // A standing request already full of a poorer match (maxCandidates 1): the newcomer takes its place.
        // Its patient lacks anti-B8, so a B8 donor (mismatched: grade C) is compatible with it and with no other here.
        String withoutAntiB8 = standing.replace("\"B8\", ", "");
        String fullRequest = withoutAntiB8.replace("\"maxCandidates\": 5", "\"maxCandidates\": 1");
        String poor = Donors.platelet(server, "CQ", "A", "{\"A\": [\"A1\", \"A3\"], \"B\": [\"B46\", \"B8\"]}",
                "{\"HPA-1\": \"ab\"}");
        matchUntil(server, withoutAntiB8.replace("\"standing\": true,", ""), r -> donorIds(r).contains(poor));
        JsonNode full = TestServer.json(server.post("/api/v1/match-requests", fullRequest));
        assertEquals(1, full.get("candidates").size(), full.toString());
        String poorer = full.at("/candidates/0/donorId").asText();
        assertNotEquals("A", full.at("/candidates/0/grade").asText());

        String newcomer = Donors.platelet(server, "CQ", "A", "{\"A\": [\"A1\", \"A3\"], \"B\": [\"B46\", \"B60\"]}",
                "{\"HPA-1\": \"ab\"}");

        JsonNode gained = await("the standing request gains the new donor").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> TestServer.json(server.get("/api/v1/match-requests/" + openId)), r -> donorIds(r).contains(newcomer));
        assertEquals(List.of(newcomer), donorIds(gained));
        assertEquals("CANDIDATES_FOUND", gained.get("status").asText());
        assertEquals("A", gained.at("/candidates/0/grade").asText());
        assertEquals(1, gained.at("/candidates/0/rank").asInt());
        JsonNode events = gained.get("events");
        assertEquals("CANDIDATE_ADDED", events.get(events.size() - 1).get("type").asText());

        JsonNode changes = TestServer.json(ok(server.get("/api/v1/match-requests/" + openId + "/changes?since="
                + open.get("createdAt").asText())));
        assertEquals(1, changes.get("changes").size(), changes.toString());
        assertEquals(newcomer, changes.at("/candidatesAdded/0/donorId").asText());
        JsonNode none = TestServer.json(ok(server.get("/api/v1/match-requests/" + openId + "/changes?since="
                + events.get(events.size() - 1).get("at").asText())));
        assertEquals(0, none.get("changes").size());

        JsonNode replaced = await("the full standing request takes the better newcomer").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(
                        () -> TestServer.json(server.get("/api/v1/match-requests/" + full.get("requestId").asText())),
                        r -> donorIds(r).contains(newcomer));
        assertEquals(List.of(newcomer), donorIds(replaced), "never more than maxCandidates");
        JsonNode steps = replaced.get("events");
        assertEquals("CANDIDATE_REPLACED " + poorer, steps.get(steps.size() - 2).get("type").asText() + " "
                + steps.get(steps.size() - 2).get("donorId").asText());
        assertEquals("CANDIDATE_ADDED " + newcomer, steps.get(steps.size() - 1).get("type").asText() + " "
                + steps.get(steps.size() - 1).get("donorId").asText());

        JsonNode cancelled = TestServer.json(server.get("/api/v1/match-requests/" + cancelledId));
        assertEquals("CANCELLED", cancelled.get("status").asText());
        assertEquals(0, cancelled.get("candidates").size(), "a cancelled standing request gains nothing");

        HttpResponse<String> noSince = server.get("/api/v1/match-requests/" + openId + "/changes");
        assertEquals(400, noSince.statusCode());
        assertEquals("since", TestServer.json(noSince).get("field").asText());
        assertEquals("since", TestServer.json(server.get("/api/v1/match-requests/" + openId + "/changes?since=yesterday"))
                .get("field").asText());
    }

    /** GET /metrics on the management port (not the API's): the node's meters, and each call counted under its template. */
    @Test
    void theNodesMetricsAreOnTheManagementPort() {
        String requestId = matchUntil(server, plateletRequest(2), r -> true).get("requestId").asText();
        Map<String, String> readRequest = Map.of("route", "/api/v1/match-requests/{requestId}", "method", "GET", "status", "2xx");
        HttpResponse<String> before = server.scrapeMetrics();
        assertEquals(200, before.statusCode());
        assertTrue(before.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        double readsBefore = PrometheusText.sum(before.body(), "bloodbridge_http_requests_seconds_count", readRequest);

        assertEquals(200, server.get("/api/v1/match-requests/" + requestId).statusCode());

        String after = server.scrapeMetrics().body();
        assertEquals(readsBefore + 1, PrometheusText.sum(after, "bloodbridge_http_requests_seconds_count", readRequest));
        assertTrue(after.contains("bloodbridge_http_requests_seconds_bucket{method=\"GET\",route=\"/api/v1/match-requests/{requestId}\","
                + "status=\"2xx\",le=\"0.1\"}"), "a histogram with bounded buckets");
        assertEquals(0, PrometheusText.sum(after, "bloodbridge_http_requests_seconds_count", Map.of("route", "/api/v1/match-requests/" + requestId)),
                "routes are templates, never a request's own path");
        assertEquals(1, PrometheusText.sum(after, "bloodbridge_pool_ready", Map.of("centre", "CD")));
        assertTrue(PrometheusText.sum(after, "bloodbridge_pool_donors", Map.of("centre", "CQ")) >= 5);
        assertTrue(PrometheusText.sum(after, "bloodbridge_match_pool_answer_seconds_count", Map.of("centre", "CQ")) >= 1);
        assertTrue(PrometheusText.sum(after, "cassandra_session_cql_requests_seconds_count", Map.of("session", "journal")) > 0);
        assertTrue(PrometheusText.sum(after, "cassandra_session_cql_requests_seconds_count", Map.of("session", "readside")) > 0);
        for (String name : List.of("cassandra_session_cql_client_timeouts_total", "cassandra_nodes_pool_open_connections",
                "bloodbridge_pool_rebuild_duration_seconds_count", "bloodbridge_import_lines_total", "bloodbridge_match_requests_in_memory",
                "jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "process_cpu_usage")) {
            assertTrue(after.contains("\n" + name), name + " in\n" + after);
        }
        // The projections have handled the donors' events by now or soon.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> PrometheusText.sum(
                server.scrapeMetrics().body(), "bloodbridge_projection_events_total", Map.of("projection", "donor-summaries")) > 0);
        assertTrue(server.scrapeMetrics().body().contains("\nbloodbridge_projection_lag_seconds{projection=\"donor-summaries\""));

        assertEquals(404, server.sendAnonymously(HttpRequest.newBuilder(server.uri("/metrics")).GET()).statusCode(),
                "not on the API port");
    }

    @Test
    void maxCandidatesCutsTheRanking() {
        JsonNode found = matchUntil(server, plateletRequest(2), r -> donorIds(r).size() == 2
                && donorIds(r).equals(RANKED.subList(0, 2)));
        assertEquals(2, found.get("candidates").size());
    }

    @Test
    void theWorkflowRunsToFulfilmentAndReleasesTheDonor() {
        JsonNode request = matchUntil(server, plateletRequest(20), r -> donorIds(r).size() >= RANKED.size());
        String path = "/api/v1/match-requests/" + request.get("requestId").asText();
        String donor = RANKED.get(5);
        assertEquals(409, server.post(path + "/candidates/" + donor + "/accept", "{}").statusCode(),
                "accepting before contact is an invalid transition");
        assertEquals(409, server.post(path + "/fulfil", "").statusCode());
        JsonNode contacted = TestServer.json(ok(server.post(path + "/candidates/" + donor + "/contact", "{\"by\": \"CQ\"}")));
        assertEquals("RECRUITING", contacted.get("status").asText());
        ok(server.post(path + "/candidates/" + donor + "/accept", "{\"by\": \"CQ\", \"note\": \"can come tomorrow\"}"));
        HttpResponse<String> allocated = server.post(path + "/allocations", "{\"donorId\": \"" + donor + "\", \"collectingCentre\": \"CQ\"}");
        assertEquals(201, allocated.statusCode(), allocated.body());
        assertEquals("ALLOCATED", TestServer.json(allocated).get("status").asText());
        JsonNode reserved = TestServer.json(server.get("/api/v1/donors/" + donor));
        assertEquals(request.get("requestId").asText(), reserved.at("/reservations/0/requestId").asText());

        JsonNode fulfilled = TestServer.json(ok(server.post(path + "/fulfil", "{\"by\": \"CD\"}")));
        assertEquals("FULFILLED", fulfilled.get("status").asText());
        List<String> steps = new ArrayList<>();
        fulfilled.get("events").forEach(e -> steps.add(e.get("type").asText() + " by " + e.get("by").asText()));
        assertEquals(List.of("CREATED by CD", "CONTACTED by CQ", "ACCEPTED by CQ", "ALLOCATED by CD", "FULFILLED by CD"), steps);
        assertEquals(409, server.post(path + "/cancel", "").statusCode(), "a fulfilled request cannot be cancelled");
        awaitTrue(() -> TestServer.json(server.get("/api/v1/donors/" + donor)).get("reservations").isEmpty(),
                "fulfilment releases the donor");
    }

    private static final String OUTCOME_HLA = "{\"A\": [\"A1\", \"A3\"], \"B\": [\"B8\", \"B35\"]}";

    /** A platelet request for patient {@code reference} of CD (A POS, A1 A3 B8 B35, no antibodies), two units. */
    private static String outcomePatientRequest(String reference) {
        return """
                {"requestingCentre": "CD", "product": "PLATELETS_APHERESIS", "units": 2, "urgency": "URGENT",
                 "neededBy": "2026-11-26", "patient": {"reference": "%s", "sex": "M", "abo": "A", "rhD": "POS",
                 "hla": %s}, "maxCandidates": 20, "timeoutMs": 3000}""".formatted(reference, OUTCOME_HLA);
    }

    private static String outcome(String donorId, String transfusedAt, double pre, double post, String bodySize) {
        return """
                {"donorId": "%s", "transfusedAt": "%s", "preCount": %s, "postCount": %s, "postHours": 1,
                 "plateletDose": 3.0, %s}""".formatted(donorId, transfusedAt, pre, post, bodySize);
    }

    private static void allocate(String path, String donorId) {
        ok(server.post(path + "/candidates/" + donorId + "/contact", ""));
        ok(server.post(path + "/candidates/" + donorId + "/accept", ""));
        HttpResponse<String> allocated = server.post(path + "/allocations",
                "{\"donorId\": \"" + donorId + "\", \"collectingCentre\": \"CD\"}");
        assertEquals(201, allocated.statusCode(), allocated.body());
    }

    private static JsonNode candidate(JsonNode request, String donorId) {
        for (JsonNode c : request.get("candidates")) {
            if (c.get("donorId").asText().equals(donorId)) {
                return c;
            }
        }
        throw new AssertionError("no candidate " + donorId);
    }

    /**
     * Section 7: outcomes of allocated units, the CCI, refractoriness over three transfusions (poor,
     * good, poor), the patient memory in the next request's ranking, the history and the statistics.
     */
    @Test
    void outcomesMakeThePatientRefractoryAndTheNextRequestRemembersTheDonors() {
        String reference = "P-CCI-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        // HPA-1ab: never a candidate for the designed patient (anti-HPA-1a) of the other tests.
        String hpa1ab = "{\"HPA-1\": \"ab\"}";
        String poor = Donors.platelet(server, "CD", "A", OUTCOME_HLA, hpa1ab);   // would rank first without memory
        String good = Donors.platelet(server, "CQ", "A", OUTCOME_HLA, hpa1ab);
        String later = Donors.platelet(server, "CQ", "A", OUTCOME_HLA, hpa1ab);
        JsonNode first = matchUntil(server, outcomePatientRequest(reference),
                r -> donorIds(r).containsAll(List.of(poor, good, later)));
        assertFalse(first.get("refractory").asBoolean());
        String path = "/api/v1/match-requests/" + first.get("requestId").asText();
        allocate(path, poor);
        allocate(path, good);

        String at = "2026-11-25T09:00:00+08:00";
        assertOutcomeInvalid(path, outcome(poor, at, -1, 15, "\"bsa\": 1.8"), "preCount");
        assertOutcomeInvalid(path, outcome(poor, at, 10, 15, "\"bsa\": 1.8, \"heightCm\": 170, \"weightKg\": 60"), "bsa");
        assertOutcomeInvalid(path, outcome(poor, at, 10, 15, "\"note\": \"no size\""), "bsa");
        assertOutcomeInvalid(path, outcome(poor, at, 10, 15, "\"heightCm\": 170"), "weightKg");
        assertOutcomeInvalid(path, outcome(poor, at, 10, 15, "\"bsa\": 9"), "bsa");
        assertOutcomeInvalid(path, outcome(poor, "2026-11-26T09:00:00+08:00", 10, 15, "\"bsa\": 1.8"), "transfusedAt");
        assertOutcomeInvalid(path, outcome(poor, at, 10, 15, "\"bsa\": 1.8").replace("\"postHours\": 1", "\"postHours\": 100"), "postHours");
        assertOutcomeInvalid(path, outcome(poor, at, 10, 15, "\"bsa\": 1.8").replace("3.0", "0"), "plateletDose");
        HttpResponse<String> notAllocated = server.post(path + "/outcomes", outcome(later, at, 10, 15, "\"bsa\": 1.8"));
        assertEquals(409, notAllocated.statusCode(), notAllocated.body());
        assertEquals("not_allocated", TestServer.json(notAllocated).get("error").asText());
        String cqCoordinator = TestTokens.of("t-cq-coordinator", List.of("CQ"), List.of("coordinator"));
        assertEquals(403, server.postAs(cqCoordinator, path + "/outcomes", outcome(poor, at, 10, 15, "\"bsa\": 1.8")).statusCode(),
                "only the requesting centre records outcomes");

        // (15 - 10) x 1.8 / 3.0 = 3, a CCI of 3,000: poor
        HttpResponse<String> recorded = server.post(path + "/outcomes", outcome(poor, at, 10, 15, "\"bsa\": 1.8"));
        assertEquals(201, recorded.statusCode(), recorded.body());
        assertEquals(3_000, TestServer.json(recorded).at("/outcome/cci").asInt());
        assertFalse(TestServer.json(recorded).get("refractory").asBoolean(), "one poor 1 h increment");
        // Mosteller sqrt(160 x 90 / 3600) = 2.0; (40 - 10) x 2.0 / 3.0 = 20, a CCI of 20,000: good
        JsonNode goodOne = TestServer.json(server.post(path + "/outcomes",
                outcome(good, "2026-11-25T10:00:00+08:00", 10, 40, "\"heightCm\": 160, \"weightKg\": 90")));
        assertEquals(20_000, goodOne.at("/outcome/cci").asInt());
        assertEquals(2.0, goodOne.at("/outcome/bsa").asDouble());
        assertEquals(2, goodOne.at("/request/outcomes").size());
        JsonNode events = goodOne.at("/request/events");
        assertEquals("OUTCOME_RECORDED", events.get(events.size() - 1).get("type").asText());
        ok(server.post(path + "/fulfil", ""));

        // The next request for the patient ranks the good responder first and the poor one last in grade A,
        // once the patient's history (a projection of the request's events) holds both outcomes: without
        // it the three identical matches could fall in that order by donorId alone.
        JsonNode second = matchUntil(server, outcomePatientRequest(reference), r -> {
            List<String> ids = donorIds(r);
            return ids.containsAll(List.of(poor, good, later)) && candidate(r, good).path("earlierCci").isObject()
                    && candidate(r, poor).get("poorResponder").asBoolean();
        });
        List<String> ranked = donorIds(second);
        assertTrue(ranked.indexOf(good) < ranked.indexOf(later) && ranked.indexOf(later) < ranked.indexOf(poor), ranked.toString());
        assertEquals(20_000, candidate(second, good).at("/earlierCci/value").asInt());
        assertEquals("2026-11-25T02:00:00Z", candidate(second, good).at("/earlierCci/at").asText());
        assertTrue(candidate(second, poor).get("poorResponder").asBoolean());
        assertEquals("A", candidate(second, poor).get("grade").asText());
        assertFalse(candidate(second, later).get("poorResponder").asBoolean());
        assertTrue(candidate(second, later).get("earlierCci").isNull());
        assertFalse(second.get("refractory").asBoolean());

        // A second poor 1 h increment with an ABO-identical unit: refractory.
        String secondPath = "/api/v1/match-requests/" + second.get("requestId").asText();
        allocate(secondPath, later);
        JsonNode third = TestServer.json(server.post(secondPath + "/outcomes",
                outcome(later, "2026-11-25T11:00:00+08:00", 8, 12, "\"bsa\": 1.8")));
        assertEquals(2_400, third.at("/outcome/cci").asInt());
        assertTrue(third.get("refractory").asBoolean());
        assertTrue(TestServer.json(server.get(secondPath)).get("refractory").asBoolean());

        String history = "/api/v1/patients/CD/" + reference;
        awaitTrue(() -> TestServer.json(server.get(history)).get("transfusions").size() == 3, "the history has every transfusion");
        JsonNode patient = TestServer.json(ok(server.get(history)));
        assertTrue(patient.get("refractory").asBoolean());
        assertEquals(List.of(good), texts(patient.get("goodResponders")));
        assertEquals(List.of(poor, later).stream().sorted().toList(), texts(patient.get("poorResponders")));
        // matchUntil may have posted more requests for the patient while the pools or memory caught up.
        List<String> requests = patient.get("requests").findValuesAsText("requestId");
        assertTrue(requests.indexOf(first.get("requestId").asText()) >= 0
                && requests.indexOf(first.get("requestId").asText()) < requests.indexOf(second.get("requestId").asText()),
                "oldest first: " + requests);
        assertEquals(403, server.getAs(cqCoordinator, history).statusCode(), "a patient is read by their requesting centre");
        String subject = TestTokens.subjectOf(TestTokens.federation());
        awaitTrue(() -> {
            for (JsonNode entry : TestServer.json(server.get("/api/v1/audit?subject=" + subject + "&limit=500")).get("entries")) {
                if (entry.get("action").asText().equals("GET /api/v1/patients/{centre}/{reference}")
                        && texts(entry.get("resources")).contains("patient/CD/" + reference)) {
                    return true;
                }
            }
            return false;
        }, "reading a patient's history is audited with the patient as resource");

        JsonNode stats = TestServer.json(ok(server.get("/api/v1/stats?from=2026-01-01&to=2026-11-25")));
        JsonNode cd = null;
        for (JsonNode c : stats.get("centres")) {
            if (c.get("centre").asText().equals("CD")) {
                cd = c;
            }
        }
        assertTrue(cd.get("outcomesRecorded").asInt() >= 3, cd.toString());
        assertTrue(cd.get("refractoryPatients").asInt() >= 1, cd.toString());
        assertTrue(cd.at("/medianOneHourCciByGrade/A").isInt(), cd.toString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static void assertOutcomeInvalid(String path, String body, String field) {
        HttpResponse<String> response = server.post(path + "/outcomes", body);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(field, TestServer.json(response).get("field").asText(), response.body());
    }

    /** A red-cell request for a Di(b-) patient: the designed platelet donors are not typed for Di(b). */
    private static final String RED_CELL_REQUEST = """
            {"requestingCentre": "CQ", "product": "RED_CELLS", "units": 2, "urgency": "URGENT", "neededBy": "2026-11-27",
             "patient": {"reference": "P-77", "sex": "M", "abo": "B", "rhD": "POS", "redCellAntibodies": ["Di(b)"]}}""";

    @Test
    void twoRequestsRacingForOneDonorHaveExactlyOneWinner() {
        String donor = Donors.register(server, "CD", "O", "POS", "{}", "{}", "{\"Di(b)\": \"-\"}");
        String identical = Donors.register(server, "CQ", "B", "NEG", "{}", "{}", "{\"Di(b)\": \"-\", \"Fy(a)\": \"+\"}");
        Donors.register(server, "CQ", "A", "POS", "{}", "{}", "{\"Di(b)\": \"-\"}"); // A cells for a B patient: never
        Donors.register(server, "CQ", "B", "POS", "{}", "{}", "{\"Di(b)\": \"+\"}"); // carries Di(b): never
        JsonNode ranked = matchUntil(server, RED_CELL_REQUEST, r -> donorIds(r).size() == 2);
        assertEquals(List.of(identical, donor), donorIds(ranked), "ABO identical first, then the requesting centre");
        assertEquals("COMPATIBLE", ranked.at("/candidates/1/abo").asText());
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode request = matchUntil(server, RED_CELL_REQUEST, r -> donorIds(r).contains(donor));
            String path = "/api/v1/match-requests/" + request.get("requestId").asText();
            ok(server.post(path + "/candidates/" + donor + "/contact", ""));
            ok(server.post(path + "/candidates/" + donor + "/accept", ""));
            paths.add(path);
        }
        String bystander = "/api/v1/match-requests/" + matchUntil(server, RED_CELL_REQUEST, r -> donorIds(r).contains(donor))
                .get("requestId").asText();
        String allocation = "{\"donorId\": \"" + donor + "\", \"collectingCentre\": \"CD\"}";
        List<CompletableFuture<HttpResponse<String>>> racing = paths.stream()
                .map(path -> CompletableFuture.supplyAsync(() -> server.post(path + "/allocations", allocation)))
                .toList();
        List<Integer> statuses = racing.stream().map(f -> f.join().statusCode()).sorted().toList();
        assertEquals(List.of(201, 409), statuses);
        HttpResponse<String> loser = racing.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 409)
                .findFirst().orElseThrow();
        assertEquals("reserved", TestServer.json(loser).get("error").asText());
        HttpResponse<String> contact = server.post(bystander + "/candidates/" + donor + "/contact", "");
        assertEquals(409, contact.statusCode(), "contacting a donor another request holds");
        assertEquals("reserved", TestServer.json(contact).get("error").asText());

        // The donor is no longer offered to others, and acting on them is refused.
        JsonNode later = matchUntil(server, RED_CELL_REQUEST, r -> !donorIds(r).contains(donor));
        assertFalse(donorIds(later).contains(donor));
        String winner = racing.get(0).join().statusCode() == 201 ? paths.get(0) : paths.get(1);
        String other = winner.equals(paths.get(0)) ? paths.get(1) : paths.get(0);
        ok(server.post(winner + "/cancel", "{\"note\": \"patient transferred\"}"));
        awaitTrue(() -> server.post(other + "/allocations", allocation).statusCode() == 201,
                "once the winner cancels, the donor can be allocated to the other request");
    }

    @Test
    void requestsAreListedByCentreAndStatusNewestFirst() {
        JsonNode first = matchUntil(server, plateletRequest(3), r -> true);
        JsonNode second = matchUntil(server, plateletRequest(3), r -> true);
        ok(server.post("/api/v1/match-requests/" + second.get("requestId").asText() + "/cancel", ""));
        awaitTrue(() -> {
            JsonNode cancelled = TestServer.json(server.get("/api/v1/match-requests?centre=CD&status=CANCELLED"));
            return cancelled.get("requests").findValuesAsText("requestId").contains(second.get("requestId").asText());
        }, "the cancelled request is listed as cancelled");
        awaitTrue(() -> {
            List<String> listed = TestServer.json(server.get("/api/v1/match-requests?centre=CD&limit=500"))
                    .get("requests").findValuesAsText("requestId");
            return listed.indexOf(second.get("requestId").asText()) >= 0
                    && listed.indexOf(second.get("requestId").asText()) < listed.indexOf(first.get("requestId").asText());
        }, "newest first");
        JsonNode atChongqing = TestServer.json(server.get("/api/v1/match-requests?centre=CQ&limit=500")).get("requests");
        assertFalse(atChongqing.findValuesAsText("requestId").contains(first.get("requestId").asText()),
                "a centre lists the requests it made");
        atChongqing.forEach(r -> assertEquals("CQ", r.get("centre").asText()));
        HttpResponse<String> badCursor = server.get("/api/v1/match-requests?centre=CD&cursor=not-a-cursor");
        assertEquals(400, badCursor.statusCode(), badCursor.body());
        assertEquals("cursor", TestServer.json(badCursor).get("field").asText());
    }

    @Test
    void badRequestsAreRefusedWithTheField() {
        assertInvalid(plateletRequest(20).replace("\"B7\"", "\"B999\""), "patient.hlaAntibodies[0]");
        assertInvalid(plateletRequest(20).replace("\"HPA-1a\"", "\"HPA-1c\""), "patient.hpaAntibodies[0]");
        assertInvalid(plateletRequest(20).replace("\"B7\"", "{\"specificity\": \"B7\", \"mfi\": -1}"),
                "patient.hlaAntibodies[0].mfi");
        assertInvalid(plateletRequest(20).replace("\"B7\"", "\"A1\", {\"specificity\": \"B7\", \"mfi\": \"x\"}"),
                "patient.hlaAntibodies[1].mfi");
        assertInvalid(plateletRequest(20).replace("\"B7\"", "{\"specificity\": \"B999\", \"mfi\": 500}"),
                "patient.hlaAntibodies[0].specificity");
        assertInvalid(plateletRequest(20).replace("2026-11-26", "2026-11-24"), "neededBy");
        assertInvalid(plateletRequest(201), "maxCandidates");
        assertInvalid(plateletRequest(20).replace("3000", "20000"), "timeoutMs");
        assertInvalid(plateletRequest(20).replace("\"CD\"", "\"XX\""), "requestingCentre");
        assertInvalid(plateletRequest(20).replace("PLATELETS_APHERESIS", "PLASMA"), "product");
        assertInvalid("""
                {"requestingCentre": "CD", "product": "RED_CELLS", "neededBy": "2026-11-26",
                 "patient": {"reference": "P-9", "abo": "O", "rhD": "POS"}}""", "patient.requiredRedCellNegative");
        assertEquals(404, server.get("/api/v1/match-requests/00000000-0000-4000-8000-000000000000").statusCode());
        assertEquals(404, server.get("/api/v1/match-requests/not-a-request").statusCode());
    }

    private static void assertInvalid(String body, String field) {
        HttpResponse<String> response = server.post("/api/v1/match-requests", body);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(field, TestServer.json(response).get("field").asText(), response.body());
    }

    static HttpResponse<String> ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    static void awaitTrue(Callable<Boolean> condition, String what) {
        await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(condition);
    }
}
