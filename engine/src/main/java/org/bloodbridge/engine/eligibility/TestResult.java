package org.bloodbridge.engine.eligibility;

import java.time.LocalDate;
import java.util.Objects;

/** One screening test result; a reactive one may defer the donor (see {@link RuleSet#deferralsFromTests}). */
public record TestResult(LocalDate date, Marker marker, TestOutcome result) {
    public TestResult {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(result, "result");
    }
}
