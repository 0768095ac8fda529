package org.bloodbridge.http.access;

import java.util.List;
import java.util.Set;

/**
 * A verified caller: the token's subject ({@code sub}, recorded as the actor), its user name when
 * the token carries one, the centres it acts for (the first is its default acting centre) and its
 * roles there.
 */
public record Caller(String subject, String username, List<String> centres, Set<Role> roles) {
    public Caller {
        centres = List.copyOf(centres);
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean actsFor(String centre) {
        return centres.contains(centre);
    }

    /** The acting centre when a request names none: the caller's first. */
    public String defaultCentre() {
        if (centres.isEmpty()) {
            throw AccessDenied.noCentre();
        }
        return centres.get(0);
    }
}
