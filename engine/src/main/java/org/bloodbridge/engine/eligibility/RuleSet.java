package org.bloodbridge.engine.eligibility;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.identity.Sex;

/**
 * One jurisdiction's donor eligibility rules, e.g. {@code CN-GB18467-2011}. Loaded from configuration
 * by {@link RuleSets}; applied by {@link Eligibility#evaluate}.
 *
 * @param maxAgeFirstTime the oldest age, in whole years, at which a first-time donor is accepted
 * @param maxAgeRepeat the oldest age at which a donor with an earlier recorded donation is accepted
 * @param intervals last donation type -> next donation type -> the wait between them; every pair is present
 * @param markerDeferrals a marker absent here does not defer
 */
public record RuleSet(
        String name,
        int minAge,
        int maxAgeFirstTime,
        int maxAgeRepeat,
        Map<Sex, Integer> minWeightKg,
        Map<DonationType, Map<DonationType, Period>> intervals,
        List<CountLimit> countLimits,
        Map<Marker, MarkerDeferral> markerDeferrals) {

    public RuleSet {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a rule set needs a name");
        }
        if (minAge < 0 || maxAgeFirstTime < minAge || maxAgeRepeat < maxAgeFirstTime) {
            throw new IllegalArgumentException("rule set " + name + ": ages must satisfy 0 <= min-age <= max-age-first-time <= max-age-repeat");
        }
        for (Sex sex : Sex.values()) {
            if (!minWeightKg.containsKey(sex)) {
                throw new IllegalArgumentException("rule set " + name + ": no minimum weight for sex " + sex);
            }
        }
        Map<DonationType, Map<DonationType, Period>> matrix = new EnumMap<>(DonationType.class);
        for (DonationType last : DonationType.values()) {
            Map<DonationType, Period> row = intervals.getOrDefault(last, Map.of());
            for (DonationType next : DonationType.values()) {
                Period wait = row.get(next);
                if (wait == null || wait.isNegative()) {
                    throw new IllegalArgumentException("rule set " + name + ": no valid interval from " + last + " to " + next);
                }
            }
            matrix.put(last, Map.copyOf(row));
        }
        minWeightKg = Map.copyOf(minWeightKg);
        intervals = Map.copyOf(matrix);
        countLimits = List.copyOf(countLimits);
        markerDeferrals = Map.copyOf(markerDeferrals);
    }

    /** The wait after a donation of type {@code last} before one of type {@code next}. */
    public Period interval(DonationType last, DonationType next) {
        return intervals.get(last).get(next);
    }

    /** The deferrals the reactive results among {@code testResults} imply under this rule set, in test order. */
    public List<Deferral> deferralsFromTests(List<TestResult> testResults) {
        List<Deferral> deferrals = new ArrayList<>();
        for (TestResult test : testResults) {
            MarkerDeferral rule = markerDeferrals.get(test.marker());
            if (rule == null || test.result() != TestOutcome.REACTIVE) {
                continue;
            }
            String reason = "reactive " + test.marker() + " test on " + test.date();
            LocalDate from = test.date();
            deferrals.add((rule.permanent()
                    ? Deferral.permanent(from, reason)
                    : Deferral.temporary(from, from.plus(rule.period()), reason)).recordedAt(test.centre()));
        }
        return deferrals;
    }
}
