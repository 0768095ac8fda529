package org.bloodbridge.http.access;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the rights table: an endpoint ({@code method} and a path {@code template} whose
 * {@code {name}} segments match any one segment), the roles that may call it, and whether every
 * call is audited (refusals always are).
 */
public record Right(String method, String template, Set<Role> roles, boolean audited) {
    public Right {
        roles = Set.copyOf(roles);
    }

    /** How the audit trail names the action, e.g. {@code POST /api/v1/donors/{donorId}/donations}. */
    public String action() {
        return method + " " + template;
    }

    /** The template's {@code {name}} segments' values when {@code method} and {@code path} are this endpoint's. */
    Optional<Map<String, String>> match(String method, String[] path) {
        if (!this.method.equals(method)) {
            return Optional.empty();
        }
        String[] parts = template.split("/");
        if (parts.length != path.length) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("{")) {
                values.put(parts[i].substring(1, parts[i].length() - 1), path[i]);
            } else if (!parts[i].equals(path[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }
}
