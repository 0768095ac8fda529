package org.bloodbridge.persistence.readside;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One entry of the audit trail, after FHIR AuditEvent / IHE ATNA: when ({@code id}, a time-based
 * UUID, and {@code at}), who ({@code subject} with its {@code username}, {@code centres} and
 * {@code roles}), from where ({@code client}), what ({@code action}, e.g. {@code POST
 * /api/v1/donors/{donorId}/donations}), on which {@code resources} ({@code donor/<donorId>},
 * {@code match-request/<id>}, {@code import/<jobId>}), the centres whose data it touches
 * ({@code scope}) and the HTTP status it ended with ({@code outcome}).
 */
public record AuditEntry(UUID id, Instant at, String subject, String username, Set<String> centres, Set<String> roles,
                         String client, String action, List<String> resources, Set<String> scope, int outcome) {
    public AuditEntry {
        centres = Set.copyOf(centres);
        roles = Set.copyOf(roles);
        resources = List.copyOf(resources);
        scope = Set.copyOf(scope);
    }
}
