package org.bloodbridge.engine.eligibility;

import java.util.Objects;

/** One rule that blocks a donation, with a message naming the specifics (dates, limits). */
public record Reason(ReasonCode code, String message) {
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
