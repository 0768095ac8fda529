package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bloodbridge.http.access.Right;
import org.bloodbridge.http.access.Rights;
import org.bloodbridge.http.access.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * api-v1 "Access" over real HTTP, with tokens from the real identity provider: every row of the
 * rights table both ways, refused tokens, the acting-centre and personal-data rules, joint
 * screening across centres, and the audit trail.
 */
class AccessTest extends OneServerPerClass {
    private static String cdDonor;
    private static String requestId;
    private static String jobId;

    @BeforeAll
    static void fixtures() {
        cdDonor = DonorApiTest.registerDonor(server, "CD", DonorApiTest.newResidentId());
        HttpResponse<String> created = server.post("/api/v1/match-requests", MatchApiTest.plateletRequest(5));
        assertEquals(201, created.statusCode(), created.body());
        requestId = TestServer.json(created).get("requestId").asText();
        HttpResponse<String> started = server.send(HttpRequest.newBuilder(server.uri("/api/v1/import"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString("")));
        assertEquals(202, started.statusCode(), started.body());
        jobId = TestServer.json(started).get("jobId").asText();
    }

    private static String cd(Role role) {
        return TestTokens.of("t-cd-" + role.claim(), List.of("CD"), List.of(role.claim()));
    }

    private static String cq(Role role) {
        return TestTokens.of("t-cq-" + role.claim(), List.of("CQ"), List.of(role.claim()));
    }

    static Stream<Arguments> rightsTable() {
        List<Arguments> cases = new ArrayList<>();
        for (Right right : Rights.TABLE) {
            for (Role role : Role.values()) {
                cases.add(Arguments.of(right.action(), role, right.roles().contains(role)));
            }
        }
        return cases.stream();
    }

    /** A request to the endpoint of {@code action} on the fixtures, with a body a permitted caller could send. */
    private static HttpRequest.Builder requestFor(String action) {
        String method = action.substring(0, action.indexOf(' '));
        String path = action.substring(action.indexOf(' ') + 1)
                .replace("{donorId}", cdDonor).replace("{requestId}", requestId).replace("{jobId}", jobId)
                .replace("{centre}", "CD").replace("{reference}", "P-access")
                .replace("{recallId}", cdDonor + "-0123456789abcdef");
        Map<String, String> bodies = Map.of(
                "/api/v1/donors", DonorApiTest.registration("CD", DonorApiTest.newResidentId(), "M", "1990-05-01"),
                "/api/v1/donors/lookup", "{\"nationalId\": \"" + DonorApiTest.newResidentId() + "\"}",
                "/api/v1/eligibility/batch", "{\"checks\": [{\"donorId\": \"" + cdDonor + "\"}]}",
                "/api/v1/match-requests", MatchApiTest.plateletRequest(5),
                "/api/v1/match-requests/" + requestId + "/allocations",
                "{\"donorId\": \"" + cdDonor + "\", \"collectingCentre\": \"CD\"}");
        String body = path.endsWith("/donations") ? "{\"type\": \"WHOLE_BLOOD\", \"date\": \"2026-06-01\", \"volumeMl\": 400}"
                : path.endsWith("/test-results") ? "{\"date\": \"2026-06-02\", \"marker\": \"ALT\", \"result\": \"NON_REACTIVE\"}"
                : path.endsWith("/deferrals") ? "{\"reason\": \"travel\", \"from\": \"2026-01-01\", \"until\": \"2026-02-01\"}"
                : bodies.getOrDefault(path, "{}");
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", path.equals("/api/v1/import") ? "application/x-ndjson" : "application/json");
        if (path.endsWith("/events")) {
            // The event stream stays open when allowed; an id it never sent is refused (400) right after the rights check.
            request.header("Last-Event-ID", "not-an-id");
        }
        return switch (method) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            default -> request.method(method, HttpRequest.BodyPublishers.ofString(path.equals("/api/v1/import") ? "" : body));
        };
    }

    @ParameterizedTest(name = "{0} as {1} at CD: allowed {2}")
    @MethodSource("rightsTable")
    void everyRowOfTheRightsTableBothWays(String action, Role role, boolean allowed) {
        HttpResponse<String> response = server.sendAs(cd(role), requestFor(action));
        if (allowed) {
            assertNotEquals(401, response.statusCode(), response.body());
            assertNotEquals(403, response.statusCode(), response.body());
        } else {
            assertEquals(403, response.statusCode(), response.body());
            JsonNode error = TestServer.json(response);
            assertEquals("forbidden", error.get("error").asText());
            assertTrue(error.get("message").asText().contains("needs the role"), error.toString());
        }
    }

    @Test
    void publicEndpointsNeedNoToken() {
        for (String path : List.of("/health/alive", "/api/v1/openapi.json", "/api/v1/reference", "/api/v1/centres")) {
            HttpResponse<String> response = server.sendAnonymously(HttpRequest.newBuilder(server.uri(path)).GET());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
        }
    }

    @Test
    void tokensThatDoNotVerifyAre401WriteNothingAndAreAudited() {
        String good = cd(Role.DONOR_SITE);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + (parts[2].startsWith("A") ? "B" : "A") + parts[2].substring(1);
        List<String> refused = List.of("", "not-a-jwt", tampered, TestTokens.otherIssuer(),
                TestTokens.otherAudience("t-cd-donor-site"));
        String nationalId = DonorApiTest.newResidentId();
        String registration = DonorApiTest.registration("CD", nationalId, "M", "1990-05-01");
        for (String token : refused) {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/v1/donors"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(registration));
            HttpResponse<String> response = token.isEmpty() ? server.sendAnonymously(request) : server.sendAs(token, request);
            assertEquals(401, response.statusCode(), response.body());
            assertEquals("unauthenticated", TestServer.json(response).get("error").asText());
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        }
        HttpResponse<String> lookup = server.post("/api/v1/donors/lookup", "{\"nationalId\": \"" + nationalId + "\"}");
        assertEquals(404, lookup.statusCode(), "nothing was registered: " + lookup.body());

        JsonNode entries = TestServer.json(server.getAs(cd(Role.AUDITOR), "/api/v1/audit?subject=anonymous&limit=500"))
                .get("entries");
        long refusals = 0;
        for (JsonNode entry : entries) {
            if (entry.get("action").asText().equals("POST /api/v1/donors") && entry.get("outcome").asInt() == 401) {
                refusals++;
            }
        }
        assertTrue(refusals >= refused.size(), "every 401 is in the audit trail: " + entries);
    }

    @Test
    void aDonorSiteActsOnlyForItsCentreSeesNoOtherCentresPersonalDataAndJointScreeningHolds() {
        String donor = DonorApiTest.registerDonor(server, "CD", DonorApiTest.newResidentId());
        String cqSite = cq(Role.DONOR_SITE);

        HttpResponse<String> asCd = server.postAs(cqSite, "/api/v1/donors/" + donor + "/donations",
                "{\"centre\": \"CD\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-06-01\", \"volumeMl\": 400}");
        assertEquals(403, asCd.statusCode(), asCd.body());
        assertTrue(TestServer.json(asCd).get("message").asText().contains("CD"), asCd.body());

        JsonNode seenByCq = TestServer.json(server.getAs(cqSite, "/api/v1/donors/" + donor));
        assertEquals(donor, seenByCq.get("donorId").asText());
        assertFalse(seenByCq.has("name"), "a CQ caller never sees a CD donor's name: " + seenByCq);
        assertFalse(seenByCq.has("phone"), seenByCq.toString());
        JsonNode seenByCd = TestServer.json(server.getAs(cd(Role.DONOR_SITE), "/api/v1/donors/" + donor));
        assertEquals("Test Donor", seenByCd.get("name").asText());

        HttpResponse<String> deferred = server.postAs(cd(Role.LAB), "/api/v1/donors/" + donor + "/deferrals",
                "{\"reason\": \"reactive confirmatory test\", \"from\": \"2026-11-01\", \"permanent\": true}");
        assertEquals(201, deferred.statusCode(), deferred.body());
        HttpResponse<String> refused = server.postAs(cqSite, "/api/v1/donors/" + donor + "/donations",
                "{\"type\": \"WHOLE_BLOOD\", \"date\": \"2026-11-25\", \"volumeMl\": 400}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("not_eligible", TestServer.json(refused).get("error").asText());
    }

    @Test
    void anotherCentresReactiveResultBlocksTheDonorWithoutNamingTheMarker() {
        String donor = DonorApiTest.registerDonor(server, "CD", DonorApiTest.newResidentId());
        HttpResponse<String> tested = server.postAs(cd(Role.LAB), "/api/v1/donors/" + donor + "/test-results",
                "{\"date\": \"2026-11-02\", \"marker\": \"HIV\", \"result\": \"REACTIVE\"}");
        assertEquals(201, tested.statusCode(), tested.body());
        String path = "/api/v1/donors/" + donor + "/eligibility?type=WHOLE_BLOOD&date=2026-11-25";

        JsonNode atCq = TestServer.json(server.getAs(cq(Role.DONOR_SITE), path));
        assertFalse(atCq.get("eligible").asBoolean(), "joint screening: blocked at CQ too: " + atCq);
        JsonNode reason = atCq.at("/reasons/0");
        assertEquals("DEFERRED_PERMANENT", reason.get("code").asText());
        assertEquals("CD", reason.get("centre").asText());
        assertTrue(reason.get("message").asText().contains("2026-11-02"), "dates are given: " + reason);
        assertFalse(atCq.toString().contains("HIV"), "no marker for another centre: " + atCq);
        JsonNode donorAtCq = TestServer.json(server.getAs(cq(Role.DONOR_SITE), "/api/v1/donors/" + donor));
        assertFalse(donorAtCq.toString().contains("HIV"), "nor in the donor's record: " + donorAtCq.get("testResults"));
        assertEquals("REACTIVE", donorAtCq.at("/testResults/0/result").asText());

        JsonNode atCd = TestServer.json(server.getAs(cd(Role.DONOR_SITE), path));
        assertTrue(atCd.at("/reasons/0/message").asText().contains("reactive HIV"), "the testing centre sees it: " + atCd);
    }

    @Test
    void withoutACentreTheCallersOwnIsTheActingCentre() {
        String body = DonorApiTest.registration("CQ", DonorApiTest.newResidentId(), "M", "1990-05-01")
                .replace("\"centre\": \"CQ\", ", "");
        HttpResponse<String> created = server.postAs(cq(Role.DONOR_SITE), "/api/v1/donors", body);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("CQ", TestServer.json(created).get("homeCentre").asText());
    }

    @Test
    void anAuditorFindsWhoReadADonorAndADonorSiteMayNotLook() {
        String donor = DonorApiTest.registerDonor(server, "CD", DonorApiTest.newResidentId());
        String reader = cq(Role.LAB);
        assertEquals(200, server.getAs(reader, "/api/v1/donors/" + donor).statusCode());

        JsonNode page = TestServer.json(server.getAs(cd(Role.AUDITOR), "/api/v1/audit?donorId=" + donor));
        List<String> readers = new ArrayList<>();
        for (JsonNode entry : page.get("entries")) {
            if (entry.get("action").asText().equals("GET /api/v1/donors/{donorId}")) {
                readers.add(entry.get("subject").asText());
                assertEquals("CQ", entry.get("centre").asText(), entry.toString());
                assertEquals(200, entry.get("outcome").asInt());
                assertTrue(entry.hasNonNull("at"), entry.toString());
                assertEquals("127.0.0.1", entry.get("client").asText(), "where the call came from: " + entry);
            }
        }
        assertEquals(List.of(TestTokens.subjectOf(reader)), readers, page.toString());

        HttpResponse<String> refused = server.getAs(cd(Role.DONOR_SITE), "/api/v1/audit?donorId=" + donor);
        assertEquals(403, refused.statusCode(), refused.body());
    }

    @Test
    void aCoordinatorReadsOnlyRequestsOfItsCentreOrWithItsCandidates() {
        HttpResponse<String> own = server.getAs(cd(Role.COORDINATOR), "/api/v1/match-requests/" + requestId);
        assertEquals(200, own.statusCode(), own.body());
        JsonNode request = TestServer.json(own);
        assertEquals(TestTokens.subjectOf(TestTokens.federation()), request.at("/events/0/subject").asText(),
                "events name the acting person as well as the centre: " + request.get("events"));
        assertEquals("CD", request.at("/events/0/by").asText());
        boolean cqCandidate = false;
        for (JsonNode candidate : request.get("candidates")) {
            cqCandidate |= candidate.get("centre").asText().equals("CQ");
        }
        HttpResponse<String> other = server.getAs(TestTokens.of("t-xx-coordinator", List.of("XX"), List.of("coordinator")),
                "/api/v1/match-requests/" + requestId);
        assertEquals(403, other.statusCode(), other.body());
        HttpResponse<String> listing = server.getAs(cq(Role.COORDINATOR), "/api/v1/match-requests?centre=CD");
        assertEquals(403, listing.statusCode(), listing.body());
        if (cqCandidate) {
            assertEquals(200, server.getAs(cq(Role.COORDINATOR), "/api/v1/match-requests/" + requestId).statusCode());
        }
    }
}
