package org.bloodbridge.http.access;

import static org.bloodbridge.http.access.Role.AUDITOR;
import static org.bloodbridge.http.access.Role.COORDINATOR;
import static org.bloodbridge.http.access.Role.DONOR_SITE;
import static org.bloodbridge.http.access.Role.LAB;
import static org.bloodbridge.http.access.Role.RECRUITER;
import static org.bloodbridge.http.access.Role.REGISTRY_ADMIN;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rights table of api-v1 "Access": which roles may call each endpoint. Which centre a caller
 * may act for, and what of a donor it may see, is decided by the routes, which know the resource
 * (see {@link Call}). Order matters where templates overlap: {@code /donors/search} and
 * {@code /donors/lookup} come before {@code /donors/{donorId}},
 * {@code /match-requests/events} before {@code /match-requests/{requestId}}.
 */
public final class Rights {
    private static final boolean AUDITED = true;
    private static final boolean NOT_AUDITED = false;

    /** Endpoints anyone may call. */
    public static final List<Right> PUBLIC = List.of(
            new Right("GET", "/health/alive", Set.of(), NOT_AUDITED),
            new Right("GET", "/health/ready", Set.of(), NOT_AUDITED),
            new Right("GET", "/api/v1/openapi.json", Set.of(), NOT_AUDITED),
            new Right("GET", "/api/v1/reference", Set.of(), NOT_AUDITED),
            new Right("GET", "/api/v1/centres", Set.of(), NOT_AUDITED));

    public static final List<Right> TABLE = List.of(
            new Right("POST", "/api/v1/donors", Set.of(DONOR_SITE), AUDITED),
            new Right("POST", "/api/v1/donors/lookup", Set.of(DONOR_SITE, LAB), AUDITED),
            new Right("GET", "/api/v1/donors/search", Set.of(RECRUITER, COORDINATOR), AUDITED),
            new Right("GET", "/api/v1/donors/{donorId}", Set.of(DONOR_SITE, LAB), AUDITED),
            new Right("PATCH", "/api/v1/donors/{donorId}", Set.of(REGISTRY_ADMIN), AUDITED),
            new Right("DELETE", "/api/v1/donors/{donorId}/personal-data", Set.of(REGISTRY_ADMIN), AUDITED),
            new Right("POST", "/api/v1/donors/{donorId}/donations", Set.of(DONOR_SITE), AUDITED),
            new Right("POST", "/api/v1/donors/{donorId}/test-results", Set.of(LAB), AUDITED),
            new Right("POST", "/api/v1/donors/{donorId}/deferrals", Set.of(LAB), AUDITED),
            new Right("GET", "/api/v1/donors/{donorId}/eligibility", Set.of(DONOR_SITE), NOT_AUDITED),
            new Right("POST", "/api/v1/eligibility/batch", Set.of(DONOR_SITE, RECRUITER), AUDITED),
            new Right("GET", "/api/v1/stats", Set.of(RECRUITER, COORDINATOR), NOT_AUDITED),
            new Right("POST", "/api/v1/import", Set.of(REGISTRY_ADMIN), AUDITED),
            new Right("GET", "/api/v1/import/{jobId}", Set.of(REGISTRY_ADMIN), NOT_AUDITED),
            new Right("POST", "/api/v1/match-requests", Set.of(COORDINATOR), AUDITED),
            new Right("GET", "/api/v1/match-requests", Set.of(COORDINATOR), NOT_AUDITED),
            // Server-Sent Events: the subscription is one call (one audit entry, 1 of the rate
            // allowance), not one per event it carries. Before {requestId}, which "events" would match.
            new Right("GET", "/api/v1/match-requests/events", Set.of(COORDINATOR), AUDITED),
            new Right("GET", "/api/v1/match-requests/{requestId}", Set.of(COORDINATOR), NOT_AUDITED),
            new Right("GET", "/api/v1/match-requests/{requestId}/changes", Set.of(COORDINATOR), NOT_AUDITED),
            new Right("POST", "/api/v1/match-requests/{requestId}/candidates/{donorId}/contact", Set.of(COORDINATOR), AUDITED),
            new Right("POST", "/api/v1/match-requests/{requestId}/candidates/{donorId}/accept", Set.of(COORDINATOR), AUDITED),
            new Right("POST", "/api/v1/match-requests/{requestId}/candidates/{donorId}/decline", Set.of(COORDINATOR), AUDITED),
            new Right("POST", "/api/v1/match-requests/{requestId}/allocations", Set.of(COORDINATOR), AUDITED),
            new Right("POST", "/api/v1/match-requests/{requestId}/fulfil", Set.of(COORDINATOR), AUDITED),
            new Right("POST", "/api/v1/match-requests/{requestId}/cancel", Set.of(COORDINATOR), AUDITED),
            new Right("POST", "/api/v1/match-requests/{requestId}/outcomes", Set.of(COORDINATOR), AUDITED),
            // A patient's transfusion history is personal health data: every read is audited.
            new Right("GET", "/api/v1/patients/{centre}/{reference}", Set.of(COORDINATOR), AUDITED),
            new Right("GET", "/api/v1/recalls", Set.of(LAB, COORDINATOR), AUDITED),
            new Right("POST", "/api/v1/recalls/{recallId}/acknowledge", Set.of(LAB), AUDITED),
            new Right("GET", "/api/v1/audit", Set.of(AUDITOR), AUDITED));

    private Rights() {}

    /** The endpoint a request is for, with the values of its template's {@code {name}} segments. */
    public record Endpoint(Right right, Map<String, String> values) {}

    static Optional<Endpoint> find(List<Right> table, String method, String path) {
        String[] segments = path.split("/");
        for (Right right : table) {
            Optional<Map<String, String>> values = right.match(method, segments);
            if (values.isPresent()) {
                return Optional.of(new Endpoint(right, values.get()));
            }
        }
        return Optional.empty();
    }
}
