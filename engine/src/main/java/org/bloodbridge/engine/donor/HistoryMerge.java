package org.bloodbridge.engine.donor;

import static java.util.Comparator.comparing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import org.bloodbridge.engine.eligibility.Eligibility;
import org.bloodbridge.engine.eligibility.RuleSet;

/**
 * Imported history merged into a donor as past fact: the events for the records the donor does
 * not already have (so importing the same file twice adds nothing), how many were skipped, and how
 * many of the added donations the rules would have refused at the time (counted, never refused).
 */
record HistoryMerge(Donor donor, List<DonorEvent> events, int skipped, int ruleViolations) {
    HistoryMerge {
        events = List.copyOf(events);
    }

    static HistoryMerge of(Donor start, List<Donation> donations, List<RecordedTestResult> testResults,
            List<RecordedDeferral> deferrals, Instant at, RuleSet rules) {
        Merging merging = new Merging(start);
        List<Donation> added = merging.addAll(donations, HistoryMerge::hasDonation,
                (donor, d) -> new DonorEvent.DonationRecorded(donor.donorId(), donor.homeCentre(), d.centre(), at, d));
        merging.addAll(testResults,
                (donor, t) -> donor.testResults().stream().anyMatch(old -> old.result().equals(t.result())),
                (donor, t) -> new DonorEvent.TestResultRecorded(donor.donorId(), donor.homeCentre(), t.centre(), at, t));
        merging.addAll(deferrals,
                (donor, d) -> donor.deferrals().stream().anyMatch(old -> old.deferral().equals(d.deferral())),
                (donor, d) -> new DonorEvent.DeferralRecorded(donor.donorId(), donor.homeCentre(), d.centre(), at, d));
        return new HistoryMerge(merging.donor, merging.events, merging.skipped,
                ruleViolations(merging.donor, added, rules));
    }

    /** The donor as the events so far leave it, so a record given twice in one line is added once. */
    private static final class Merging {
        private Donor donor;
        private final List<DonorEvent> events = new ArrayList<>();
        private int skipped;

        Merging(Donor start) {
            this.donor = start;
        }

        /** Adds the records the donor does not have yet; returns them. */
        <T> List<T> addAll(List<T> records, BiPredicate<Donor, T> present, BiFunction<Donor, T, DonorEvent> event) {
            List<T> added = new ArrayList<>();
            for (T record : records) {
                if (present.test(donor, record)) {
                    skipped++;
                } else {
                    DonorEvent e = event.apply(donor, record);
                    events.add(e);
                    added.add(record);
                    donor = donor.apply(e);
                }
            }
            return added;
        }
    }

    /** The same donation: the same DIN, or (DIN or not) the same date and type. */
    private static boolean hasDonation(Donor donor, Donation d) {
        return donor.donations().stream().anyMatch(old ->
                (d.din() != null && d.din().equals(old.din())) || (old.date().equals(d.date()) && old.type() == d.type()));
    }

    /** Each added donation checked against the history before it, in date order, with every test and deferral. */
    private static int ruleViolations(Donor donor, List<Donation> added, RuleSet rules) {
        List<Donation> byDate = donor.donations().stream().sorted(comparing(Donation::date)).toList();
        Set<Donation> toCheck = new HashSet<>(added);
        int violations = 0;
        for (int i = 0; i < byDate.size(); i++) {
            Donation d = byDate.get(i);
            if (toCheck.contains(d) && !Eligibility.evaluate(rules, donor.historyWith(byDate.subList(0, i)), d.type(), d.date())
                    .eligible()) {
                violations++;
            }
        }
        return violations;
    }

    int added() {
        return events.size();
    }
}
