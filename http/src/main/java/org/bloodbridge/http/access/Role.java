package org.bloodbridge.http.access;

import java.util.Optional;

/** The roles of api-v1 "Access"; each holds for the caller's own centre(s). */
public enum Role {
    DONOR_SITE("donor-site"),
    LAB("lab"),
    RECRUITER("recruiter"),
    COORDINATOR("coordinator"),
    REGISTRY_ADMIN("registry-admin"),
    AUDITOR("auditor");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The role's name in tokens and messages, e.g. {@code donor-site}. */
    public String claim() {
        return claim;
    }

    /** The role a token names, if it is one of ours (providers carry other roles too). */
    public static Optional<Role> ofClaim(String name) {
        for (Role role : values()) {
            if (role.claim.equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
