package org.bloodbridge.engine.eligibility;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One rule that blocks a donation, with a message naming the specifics (dates, limits).
 *
 * @param centre the centre whose record (a deferral, a test result) caused it; null when the rules
 *     alone did (age, weight, intervals)
 * @param brief the message with the code and dates only, without the marker or the deferral's
 *     free text: what callers of other centres than {@code centre} are told (api-v1 "Access")
 */
public record Reason(ReasonCode code, String message, String centre, String brief) {
    public Reason(ReasonCode code, String message) {
        this(code, message, null, message);
    }

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(brief, "brief");
    }

    /** The reason as told to a caller who acts for the centres {@code callerActsFor} accepts. */
    public Reason shownTo(Predicate<String> callerActsFor) {
        return centre == null || callerActsFor.test(centre) ? this : new Reason(code, brief, centre, brief);
    }
}
