package org.bloodbridge.bench.data;

import java.time.LocalDate;

/** A manual deferral in the shape of {@code POST /donors/{id}/deferrals}; {@code until} is null when permanent. */
public record Deferral(String centre, String reason, LocalDate from, LocalDate until) {
    public boolean permanent() {
        return until == null;
    }
}
