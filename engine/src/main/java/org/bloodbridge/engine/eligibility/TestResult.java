package org.bloodbridge.engine.eligibility;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One screening test result; a reactive one may defer the donor (see {@link RuleSet#deferralsFromTests}).
 *
 * @param centre the centre that tested, where a donor's history is read; null as stored, where the
 *     record around it names the centre
 */
public record TestResult(LocalDate date, Marker marker, TestOutcome result, String centre) {
    public TestResult(LocalDate date, Marker marker, TestOutcome result) {
        this(date, marker, result, null);
    }

    /** This result, as tested at {@code centre}. */
    public TestResult recordedAt(String centre) {
        return new TestResult(date, marker, result, centre);
    }

    public TestResult {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(result, "result");
    }
}
