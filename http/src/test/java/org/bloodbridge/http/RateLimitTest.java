package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Abuse limits: 429 with Retry-After once a user's allowance is spent, a batch counting its checks, and failed sign-ins per address. */
class RateLimitTest {

    @Test
    void callsBatchesAndFailedSignInsAreLimited() {
        try (TestServer server = TestServer.start(Map.of(
                "bloodbridge.access.rate-limits.calls-per-minute", 6,
                "bloodbridge.access.rate-limits.failed-sign-ins-per-minute", 3))) {
            String recruiter = TestTokens.of("t-limited-recruiter", List.of("CD"), List.of("recruiter"));
            String batchOfFive = "{\"checks\": [" + "{\"donorId\": \"aaaaaaaaaaaaaaaaaaaaaaaa\"},".repeat(4)
                    + "{\"donorId\": \"aaaaaaaaaaaaaaaaaaaaaaaa\"}]}";
            assertEquals(200, server.postAs(recruiter, "/api/v1/eligibility/batch", batchOfFive).statusCode());
            HttpResponse<String> spent = server.postAs(recruiter, "/api/v1/eligibility/batch", batchOfFive);
            assertEquals(429, spent.statusCode(), "a batch of 5 counts 5 of the 6 a minute: " + spent.body());
            assertEquals("rate_limited", TestServer.json(spent).get("error").asText());
            long retryAfter = Long.parseLong(spent.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);

            String other = TestTokens.of("t-other-recruiter", List.of("CD"), List.of("recruiter"));
            assertEquals(200, server.postAs(other, "/api/v1/eligibility/batch", batchOfFive).statusCode(),
                    "the allowance is per user");

            HttpRequest.Builder badToken = HttpRequest.newBuilder(server.uri("/api/v1/stats?from=2026-01-01&to=2026-02-01"))
                    .header("Authorization", "Bearer not-a-token").GET();
            for (int i = 0; i < 3; i++) {
                assertEquals(401, server.sendAnonymously(badToken).statusCode());
            }
            HttpResponse<String> blocked = server.sendAnonymously(badToken);
            assertEquals(429, blocked.statusCode(), blocked.body());
            assertTrue(blocked.headers().firstValue("Retry-After").isPresent());
        }
    }
}
