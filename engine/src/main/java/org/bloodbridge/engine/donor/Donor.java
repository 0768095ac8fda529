package org.bloodbridge.engine.donor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
        Set<String> centres,
        Instant hlaTypedAt,
        Instant redCellTypedAt,
        Reservation reservation)
        implements CborSerializable {

    public Donor {
        donations = List.copyOf(donations);
        testResults = List.copyOf(testResults);
        deferrals = List.copyOf(deferrals);
        centres = Set.copyOf(centres);
    }

    static Donor registered(DonorEvent.Registered e) {
        Donor none = new Donor(e.donorId(), e.homeCentre(), e.at(), e.profile(), Typing.NONE,
                List.of(), List.of(), List.of(), Set.of(e.centre()), null, null, null);
        return none.typed(e.profile(), e.typing(), e.at());
    }

    /**
     * This donor with a new profile and typing reported at {@code at}, keeping when HLA-A/-B became
     * typed and when the red-cell phenotype or RhD was last reported (panel statistics count from them).
     */
    private Donor typed(Profile newProfile, Typing newTyping, Instant at) {
        boolean hlaTyped = !newTyping.hla().getOrDefault("A", List.of()).isEmpty()
                && !newTyping.hla().getOrDefault("B", List.of()).isEmpty();
        boolean redCellReported = !newTyping.redCell().equals(typing.redCell())
                || !Objects.equals(newProfile.rhD(), profile.rhD());
        boolean redCellTyped = !newTyping.redCell().isEmpty() || newProfile.rhD() != null;
        return new Donor(donorId, homeCentre, registeredAt, newProfile, newTyping, donations, testResults, deferrals,
                centres, hlaTyped ? (hlaTypedAt != null ? hlaTypedAt : at) : null,
                redCellTyped ? (redCellReported || redCellTypedAt == null ? at : redCellTypedAt) : null, reservation);
    }

    // Java 17 has no pattern matching for switch, hence the instanceof chain.
    Donor apply(DonorEvent event) {
        if (event instanceof DonorEvent.Registered e) {
            return registered(e);
        }
        Set<String> seenAt = new TreeSet<>(centres);
        seenAt.add(event.centre());
        Donor seen = new Donor(donorId, homeCentre, registeredAt, profile, typing, donations, testResults, deferrals,
                seenAt, hlaTypedAt, redCellTypedAt, reservation);
        return seen.with(event);
    }

    private Donor with(DonorEvent event) {
        if (event instanceof DonorEvent.Updated e) {
            return typed(patched(e.profile()), typing.patchedWith(e.typing()), e.at());
        } else if (event instanceof DonorEvent.DonationRecorded e) {
            return withHistory(appended(donations, e.donation()), testResults, deferrals, Set.of());
        } else if (event instanceof DonorEvent.TestResultRecorded e) {
            return withHistory(donations, appended(testResults, e.result()), deferrals, Set.of());
        } else if (event instanceof DonorEvent.DeferralRecorded e) {
            return withHistory(donations, testResults, appended(deferrals, e.deferral()), Set.of());
        } else if (event instanceof DonorEvent.HistoryImported e) {
            Set<String> recordedAt = new TreeSet<>();
            e.donations().forEach(d -> recordedAt.add(d.centre()));
            e.testResults().forEach(t -> recordedAt.add(t.centre()));
            e.deferrals().forEach(d -> recordedAt.add(d.centre()));
            return withHistory(appended(donations, e.donations()), appended(testResults, e.testResults()),
                    appended(deferrals, e.deferrals()), recordedAt);
        } else if (event instanceof DonorEvent.Reserved e) {
            return withReservation(new Reservation(e.requestId(), e.centre(), e.at()));
        } else if (event instanceof DonorEvent.Released) {
            return withReservation(null);
        } else if (event instanceof DonorEvent.PersonalDataErased) {
            return new Donor(donorId, homeCentre, registeredAt, profile.withoutPersonalData(), typing, donations,
                    testResults, deferrals, centres, hlaTypedAt, redCellTypedAt, reservation);
        }
        throw new IllegalArgumentException("unknown event " + event.getClass());
    }

    private Donor withHistory(List<Donation> newDonations, List<RecordedTestResult> newResults,
            List<RecordedDeferral> newDeferrals, Set<String> moreCentres) {
        Set<String> seenAt = new TreeSet<>(centres);
        seenAt.addAll(moreCentres);
        return new Donor(donorId, homeCentre, registeredAt, profile, typing, newDonations, newResults, newDeferrals,
                seenAt, hlaTypedAt, redCellTypedAt, reservation);
    }

    private Donor withReservation(Reservation newReservation) {
        return new Donor(donorId, homeCentre, registeredAt, profile, typing, donations, testResults, deferrals,
                centres, hlaTypedAt, redCellTypedAt, newReservation);
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
                deferrals.stream().map(d -> d.deferral().recordedAt(d.centre())).toList(),
                testResults.stream().map(t -> t.result().recordedAt(t.centre())).toList());
    }

    public EligibilityResult eligibility(RuleSet rules, DonationType type, LocalDate date) {
        return Eligibility.evaluate(rules, history(), type, date);
    }

    /** Manual deferrals and those the rule set derives from reactive test results, for display. */
    public List<Deferral> allDeferrals(RuleSet rules) {
        DonorHistory history = history();
        List<Deferral> all = new ArrayList<>(history.deferrals());
        all.addAll(rules.deferralsFromTests(history.testResults()));
        return all;
    }
}
