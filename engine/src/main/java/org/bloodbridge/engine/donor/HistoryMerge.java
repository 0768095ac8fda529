package org.bloodbridge.engine.donor;

import static java.util.Comparator.comparing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.bloodbridge.engine.eligibility.Eligibility;
import org.bloodbridge.engine.eligibility.RuleSet;

/**
 * Imported history merged into a donor as past fact: one event holding the records the donor does
 * not already have (null when there are none, so importing the same file twice adds nothing), how
 * many were skipped, and how many of the added donations the rules would have refused at the time
 * (counted, never refused).
 */
record HistoryMerge(DonorEvent.HistoryImported event, int added, int skipped, int ruleViolations) {

    static HistoryMerge of(Donor start, String centre, String subject, List<Donation> donations,
            List<RecordedTestResult> testResults, List<RecordedDeferral> deferrals, Instant at, RuleSet rules) {
        Merging merging = new Merging(start, centre, subject, at);
        List<Donation> newDonations = merging.addAll(donations, HistoryMerge::hasDonation,
                d -> merging.imported(List.of(d), List.of(), List.of()));
        List<RecordedTestResult> newResults = merging.addAll(testResults,
                (donor, t) -> donor.testResults().stream().anyMatch(old -> old.result().equals(t.result())),
                t -> merging.imported(List.of(), List.of(t), List.of()));
        List<RecordedDeferral> newDeferrals = merging.addAll(deferrals,
                (donor, d) -> donor.deferrals().stream().anyMatch(old -> old.deferral().equals(d.deferral())),
                d -> merging.imported(List.of(), List.of(), List.of(d)));
        int added = newDonations.size() + newResults.size() + newDeferrals.size();
        return new HistoryMerge(
                added == 0 ? null : merging.imported(newDonations, newResults, newDeferrals),
                added, merging.skipped, ruleViolations(merging.donor, newDonations, rules));
    }

    /** The donor as the records added so far leave it, so a record given twice in one line is added once. */
    private static final class Merging {
        private final String centre;
        private final String subject;
        private final Instant at;
        private Donor donor;
        private int skipped;

        Merging(Donor start, String centre, String subject, Instant at) {
            this.donor = start;
            this.centre = centre;
            this.subject = subject;
            this.at = at;
        }

        DonorEvent.HistoryImported imported(List<Donation> d, List<RecordedTestResult> t, List<RecordedDeferral> f) {
            return new DonorEvent.HistoryImported(donor.donorId(), donor.homeCentre(), centre, at, d, t, f, subject);
        }

        /** Adds the records the donor does not have yet; returns them. */
        <T> List<T> addAll(List<T> records, BiPredicate<Donor, T> present, Function<T, DonorEvent> asEvent) {
            List<T> added = new ArrayList<>();
            for (T record : records) {
                if (present.test(donor, record)) {
                    skipped++;
                } else {
                    added.add(record);
                    donor = donor.apply(asEvent.apply(record));
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
}
