package org.bloodbridge.engine.eligibility;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A period in which the donor may not donate anything, at any centre. It covers {@code from} up to,
 * not including, {@code until}: the donor may donate again on {@code until}.
 *
 * @param until null exactly when {@code permanent}
 */
public record Deferral(LocalDate from, LocalDate until, boolean permanent, String reason) {
    public Deferral {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(reason, "reason");
        if (permanent != (until == null)) {
            throw new IllegalArgumentException("a deferral is either permanent or has an until date, not both or neither");
        }
        if (until != null && !until.isAfter(from)) {
            throw new IllegalArgumentException("a deferral's until (" + until + ") must come after its from (" + from + ")");
        }
    }

    public static Deferral temporary(LocalDate from, LocalDate until, String reason) {
        return new Deferral(from, until, false, reason);
    }

    public static Deferral permanent(LocalDate from, String reason) {
        return new Deferral(from, null, true, reason);
    }

    /** Whether the deferral blocks a donation on {@code date}. */
    public boolean activeOn(LocalDate date) {
        return !date.isBefore(from) && (permanent || date.isBefore(until));
    }
}
