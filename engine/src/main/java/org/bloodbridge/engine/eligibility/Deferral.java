package org.bloodbridge.engine.eligibility;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A period in which the donor may not donate anything, at any centre. It covers {@code from} up to,
 * not including, {@code until}: the donor may donate again on {@code until}.
 *
 * @param until null exactly when {@code permanent}
 * @param centre the centre that recorded it (or the test it follows from), where a donor's history
 *     is read; null as stored, where the record around it names the centre
 */
public record Deferral(LocalDate from, LocalDate until, boolean permanent, String reason, String centre) {
    public Deferral(LocalDate from, LocalDate until, boolean permanent, String reason) {
        this(from, until, permanent, reason, null);
    }

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

    /** This deferral, as recorded at {@code centre}. */
    public Deferral recordedAt(String centre) {
        return new Deferral(from, until, permanent, reason, centre);
    }

    /** Whether the deferral blocks a donation on {@code date}. */
    public boolean activeOn(LocalDate date) {
        return !date.isBefore(from) && (permanent || date.isBefore(until));
    }
}
