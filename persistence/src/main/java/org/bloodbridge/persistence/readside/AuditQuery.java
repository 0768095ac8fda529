package org.bloodbridge.persistence.readside;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What an auditor asks for: entries naming every one of {@code resources} (may be empty), by {@code subject} (or null),
 * between {@code from} and {@code to}, touching one of {@code scope} (the auditor's centres), newest
 * first, {@code limit} at a time after {@code cursor} (null: from the newest).
 */
public record AuditQuery(List<String> resources, String subject, Instant from, Instant to, Set<String> scope, int limit,
                         String cursor) {
    public AuditQuery {
        resources = List.copyOf(resources);
    }
}
