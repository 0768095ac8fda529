package org.bloodbridge.engine.eligibility;

import java.time.LocalDate;
import java.util.Objects;

/** A donation already made, at any centre. */
public record PastDonation(LocalDate date, DonationType type) {
    public PastDonation {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(type, "type");
    }
}
