package org.bloodbridge.http;

import static org.bloodbridge.http.MatchApiTest.PATIENT_HLA;
import static org.bloodbridge.http.MatchApiTest.donorIds;
import static org.bloodbridge.http.MatchApiTest.matchUntil;
import static org.bloodbridge.http.MatchApiTest.plateletRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Matching when parts fail, on the real store: a centre's pool that never answers (test-only
 * setting; the store stays real), and a pool that has not caught up with a deferral.
 */
class MatchFailureTest {
    private static final String HPA_1BB = "{\"HPA-1\": \"bb\"}";

    @Test
    void aSilentPoolIsNamedMissingAndTheAnswerStillComesByTheDeadline() {
        try (TestServer server = TestServer.start(Map.of("bloodbridge.pool.test-only.silent-centres", List.of("CQ")))) {
            String atChengdu = Donors.platelet(server, "CD", "A", PATIENT_HLA, HPA_1BB);
            Donors.platelet(server, "CQ", "A", PATIENT_HLA, HPA_1BB);
            String request = plateletRequest(20).replace("\"timeoutMs\": 3000", "\"timeoutMs\": 1500");
            long started = System.nanoTime();
            JsonNode found = matchUntil(server, request, r -> donorIds(r).contains(atChengdu));
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals("[\"CQ\"]", found.get("centresMissing").toString());
            assertEquals("[\"CD\"]", found.get("centresAnswered").toString());
            assertEquals(List.of(atChengdu), donorIds(found));

            // Timed on its own: the deadline is 1.5 s from when the request entity receives it.
            started = System.nanoTime();
            HttpResponse<String> timed = server.post("/api/v1/match-requests", request);
            elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(201, timed.statusCode(), timed.body());
            assertTrue(elapsedMs < 1500 + 1000, "answered in " + elapsedMs + " ms; deadline 1500 ms plus persisting");
            assertTrue(elapsedMs >= 1500 * 6 / 10, "waited for the silent pool until its share of the deadline ("
                    + elapsedMs + " ms)");
        }
    }

    @Test
    void aDonorDeferredAfterRegistrationIsNeverReturnedEvenWhenThePoolHasNotCaughtUp() {
        try (TestServer server = TestServer.start(Map.of("bloodbridge.pool.test-only.ignore-changes", true))) {
            String donor = Donors.platelet(server, "CQ", "A", PATIENT_HLA, HPA_1BB);
            String other = Donors.platelet(server, "CD", "A", PATIENT_HLA, HPA_1BB);
            matchUntil(server, plateletRequest(20), r -> donorIds(r).containsAll(List.of(donor, other)));
            Donors.defer(server, donor);
            // The pools ignore every change, so they still offer the donor; the request re-confirms with the entity.
            JsonNode after = matchUntil(server, plateletRequest(20), r -> true);
            assertEquals(List.of(other), donorIds(after));
            assertFalse(after.toString().contains(donor));
        }
    }
}
