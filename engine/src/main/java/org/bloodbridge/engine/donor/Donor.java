package org.bloodbridge.engine.donor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.eligibility.Deferral;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.DonorHistory;
import org.bloodbridge.engine.eligibility.Eligibility;
import org.bloodbridge.engine.eligibility.EligibilityResult;
import org.bloodbridge.engine.eligibility.PastDonation;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.donor.DonorEvent.ProfileChanges;

/**
 * One registered donor: the state of a DonorEntity and its snapshot. Immutable; {@link #apply}
 * returns the state after an event. Pure (no Pekko) so it is tested directly.
 */
public record Donor(
        String donorId,
        String homeCentre,
        Instant registeredAt,
        Profile profile,
        Typing typing,
        List<Donation> donations,
        List<RecordedTestResult> testResults,
        List<RecordedDeferral> deferrals,
        Set<String> centres)
        implements CborSerializable {

    public Donor {
        donations = List.copyOf(donations);
        testResults = List.copyOf(testResults);
        deferrals = List.copyOf(deferrals);
        centres = Set.copyOf(centres);
    }

    static Donor registered(DonorEvent.Registered e) {
        return new Donor(e.donorId(), e.homeCentre(), e.at(), e.profile(), e.typing(),
                List.of(), List.of(), List.of(), Set.of(e.centre()));
    }

    // Java 17 has no pattern matching for switch, hence the instanceof chain.
    Donor apply(DonorEvent event) {
        if (event instanceof DonorEvent.Registered e) {
            return registered(e);
        }
        Set<String> seenAt = new TreeSet<>(centres);
        seenAt.add(event.centre());
        if (event instanceof DonorEvent.Updated e) {
            return new Donor(donorId, homeCentre, registeredAt,
                    patched(e.profile()), typing.patchedWith(e.typing()), donations, testResults, deferrals, seenAt);
        } else if (event instanceof DonorEvent.DonationRecorded e) {
            return new Donor(donorId, homeCentre, registeredAt, profile, typing,
                    appended(donations, e.donation()), testResults, deferrals, seenAt);
        } else if (event instanceof DonorEvent.TestResultRecorded e) {
            return new Donor(donorId, homeCentre, registeredAt, profile, typing,
                    donations, appended(testResults, e.result()), deferrals, seenAt);
        } else if (event instanceof DonorEvent.DeferralRecorded e) {
            return new Donor(donorId, homeCentre, registeredAt, profile, typing,
                    donations, testResults, appended(deferrals, e.deferral()), seenAt);
        } else if (event instanceof DonorEvent.HistoryImported e) {
            e.donations().forEach(d -> seenAt.add(d.centre()));
            e.testResults().forEach(t -> seenAt.add(t.centre()));
            e.deferrals().forEach(d -> seenAt.add(d.centre()));
            return new Donor(donorId, homeCentre, registeredAt, profile, typing, appended(donations, e.donations()),
                    appended(testResults, e.testResults()), appended(deferrals, e.deferrals()), seenAt);
        }
        throw new IllegalArgumentException("unknown event " + event.getClass());
    }

    private Profile patched(ProfileChanges c) {
        return new Profile(
                profile.idType(),
                c.name() != null ? c.name() : profile.name(),
                c.phone() != null ? c.phone() : profile.phone(),
                profile.sex(),
                profile.birthDate(),
                c.weightKg() != null ? c.weightKg() : profile.weightKg(),
                c.abo() != null ? c.abo() : profile.abo(),
                c.rhD() != null ? c.rhD() : profile.rhD());
    }

    private static <T> List<T> appended(List<T> list, T item) {
        return appended(list, List.of(item));
    }

    private static <T> List<T> appended(List<T> list, List<T> items) {
        List<T> copy = new ArrayList<>(list.size() + items.size());
        copy.addAll(list);
        copy.addAll(items);
        return copy;
    }

    /** What the eligibility rules need to know about this donor. */
    public DonorHistory history() {
        return historyWith(donations);
    }

    /** This donor's history with only {@code someDonations} (to ask what the rules said before one of them). */
    DonorHistory historyWith(List<Donation> someDonations) {
        return new DonorHistory(
                profile.birthDate(),
                profile.sex(),
                profile.weightKg(),
                someDonations.stream().map(d -> new PastDonation(d.date(), d.type())).toList(),
                deferrals.stream().map(RecordedDeferral::deferral).toList(),
                testResults.stream().map(RecordedTestResult::result).toList());
    }

    public EligibilityResult eligibility(RuleSet rules, DonationType type, LocalDate date) {
        return Eligibility.evaluate(rules, history(), type, date);
    }

    /** Manual deferrals and those the rule set derives from reactive test results, for display. */
    public List<Deferral> allDeferrals(RuleSet rules) {
        List<Deferral> all = new ArrayList<>(deferrals.stream().map(RecordedDeferral::deferral).toList());
        all.addAll(rules.deferralsFromTests(testResults.stream().map(RecordedTestResult::result).toList()));
        return all;
    }
}
