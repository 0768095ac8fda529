package org.bloodbridge.engine.lookback;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.bloodbridge.engine.eligibility.TestOutcome;
import org.bloodbridge.engine.eligibility.TestResult;

/**
 * Which earlier donations a reactive result puts on recall (domain-rules section 8, after 21 CFR
 * 610.46/610.47): those dated from the look-back start up to, not including, the reactive test's
 * date (the donation tested that day is the lab's own, not a recall).
 */
public final class Lookback {
    private Lookback() {}

    /**
     * The first day of the window: the donor's most recent {@code NON_REACTIVE} result for the same
     * marker dated on or before the reactive one, minus {@code window}; without one, the reactive
     * test's date minus {@code window}.
     */
    public static LocalDate start(TestResult reactive, List<TestResult> results, Period window) {
        LocalDate lastNegative = null;
        for (TestResult t : results) {
            if (t.marker() == reactive.marker() && t.result() == TestOutcome.NON_REACTIVE
                    && !t.date().isAfter(reactive.date()) && (lastNegative == null || t.date().isAfter(lastNegative))) {
                lastNegative = t.date();
            }
        }
        return (lastNegative != null ? lastNegative : reactive.date()).minus(window);
    }

    /**
     * The recalls {@code reactive} opens for {@code donorId} at {@code at}, one per donation in the
     * window, in the donations' order; none unless it is REACTIVE for a marker {@code rules} covers.
     *
     * @param results the donor's results before this one
     */
    public static List<Recall> recalls(String donorId, TestResult reactive, List<TestResult> results,
            List<CollectedDonation> donations, LookbackRules rules, Instant at) {
        if (reactive.result() != TestOutcome.REACTIVE || rules.window(reactive.marker()).isEmpty()) {
            return List.of();
        }
        LocalDate start = start(reactive, results, rules.window(reactive.marker()).get());
        List<Recall> recalls = new ArrayList<>();
        for (CollectedDonation d : donations) {
            if (!d.date().isBefore(start) && d.date().isBefore(reactive.date())) {
                recalls.add(new Recall(RecallIds.of(donorId, d, reactive.marker()), donorId, d.centre(), d.date(), d.type(),
                        d.din(), reactive.marker(), reactive.date(), at, null));
            }
        }
        return recalls;
    }
}
