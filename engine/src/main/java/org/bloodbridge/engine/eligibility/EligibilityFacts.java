package org.bloodbridge.engine.eligibility;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bloodbridge.engine.identity.Sex;

/**
 * What {@link Eligibility#evaluate} needs of one donor to answer any check dated {@code validFrom}
 * or later, in a few hundred bytes: dates as epoch days, donation types as ordinals, test results
 * already turned into the deferrals they imply.
 *
 * <p>Kept: every donation dated after {@code validFrom}; the newest on or before it of each type
 * (intervals); those still inside a count-limit window on {@code validFrom} (a window's start only
 * moves forward with the query date); the oldest of all (whether the donor is a repeat donor).
 * Deferrals, manual then from tests in their order, that are permanent or end after {@code validFrom}.
 * Whatever is dropped can change no answer from {@code validFrom} on: every day the rules look at is
 * the query date or later.
 *
 * @param seqNr the donor entity's sequence number these facts were made at (newer facts win)
 * @param weightKg {@link #NO_WEIGHT} when no weight is recorded
 * @param deferralUntil {@link #PERMANENT} for a permanent deferral
 * @param deferralCentres entries may be null (a deferral recorded without a centre)
 */
public record EligibilityFacts(
        long seqNr,
        int validFrom,
        int birthDate,
        Sex sex,
        int weightKg,
        int[] donationDays,
        byte[] donationTypes,
        int[] deferralFrom,
        int[] deferralUntil,
        String[] deferralReasons,
        String[] deferralCentres) {

    public static final int NO_WEIGHT = -1;
    public static final int PERMANENT = Integer.MAX_VALUE;
    private static final DonationType[] TYPES = DonationType.values();

    public EligibilityFacts {
        Objects.requireNonNull(sex, "sex");
        int donations = donationDays.length;
        int deferrals = deferralFrom.length;
        if (donationTypes.length != donations || deferralUntil.length != deferrals
                || deferralReasons.length != deferrals || deferralCentres.length != deferrals) {
            throw new IllegalArgumentException("eligibility facts: parallel arrays differ in length");
        }
    }

    /** The facts of {@code history} under {@code rules}, for checks on {@code validFrom} or later. */
    public static EligibilityFacts of(RuleSet rules, DonorHistory history, LocalDate validFrom, long seqNr) {
        List<PastDonation> kept = keptDonations(rules, history.donations(), validFrom);
        int[] days = new int[kept.size()];
        byte[] types = new byte[kept.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = (int) kept.get(i).date().toEpochDay();
            types[i] = (byte) kept.get(i).type().ordinal();
        }
        List<Deferral> all = new ArrayList<>(history.deferrals());
        all.addAll(rules.deferralsFromTests(history.testResults()));
        List<Deferral> live = all.stream().filter(d -> d.permanent() || d.until().isAfter(validFrom)).toList();
        int[] from = new int[live.size()];
        int[] until = new int[live.size()];
        String[] reasons = new String[live.size()];
        String[] centres = new String[live.size()];
        for (int i = 0; i < from.length; i++) {
            Deferral d = live.get(i);
            from[i] = (int) d.from().toEpochDay();
            until[i] = d.permanent() ? PERMANENT : (int) d.until().toEpochDay();
            reasons[i] = d.reason();
            centres[i] = d.centre();
        }
        return new EligibilityFacts(seqNr, (int) validFrom.toEpochDay(), (int) history.birthDate().toEpochDay(),
                history.sex(), history.weightKg() == null ? NO_WEIGHT : history.weightKg(), days, types,
                from, until, reasons, centres);
    }

    private static List<PastDonation> keptDonations(RuleSet rules, List<PastDonation> donations, LocalDate validFrom) {
        if (donations.isEmpty()) {
            return List.of();
        }
        // Any donation after this day may still be counted in some count-limit window from validFrom on.
        LocalDate windowStart = rules.countLimits().stream()
                .map(limit -> validFrom.minus(limit.window()))
                .min(Comparator.naturalOrder())
                .orElse(validFrom);
        PastDonation oldest = donations.stream().min(Comparator.comparing(PastDonation::date)).orElseThrow();
        PastDonation[] newestByType = new PastDonation[TYPES.length];
        for (PastDonation d : donations) {
            int t = d.type().ordinal();
            if (!d.date().isAfter(validFrom) && (newestByType[t] == null || d.date().isAfter(newestByType[t].date()))) {
                newestByType[t] = d;
            }
        }
        List<PastDonation> kept = new ArrayList<>();
        for (PastDonation d : donations) {
            boolean keep = d.date().isAfter(windowStart) || d == oldest || d == newestByType[d.type().ordinal()];
            if (keep) {
                kept.add(d);
            }
        }
        return kept;
    }

    /** Whether these facts can answer a check on {@code date}. */
    public boolean answers(LocalDate date) {
        return date.toEpochDay() >= validFrom;
    }

    /** Exactly what {@link Eligibility#evaluate} says on the full history, for any date these facts {@link #answers}. */
    public EligibilityResult evaluate(RuleSet rules, DonationType type, LocalDate date) {
        if (!answers(date)) {
            throw new IllegalArgumentException("facts valid from " + LocalDate.ofEpochDay(validFrom) + " cannot answer for " + date);
        }
        return Eligibility.evaluate(rules, history(), type, date);
    }

    /** A history with only what these facts kept, test results already turned into deferrals. */
    DonorHistory history() {
        List<PastDonation> donations = new ArrayList<>(donationDays.length);
        for (int i = 0; i < donationDays.length; i++) {
            donations.add(new PastDonation(LocalDate.ofEpochDay(donationDays[i]), TYPES[donationTypes[i]]));
        }
        List<Deferral> deferrals = new ArrayList<>(deferralFrom.length);
        for (int i = 0; i < deferralFrom.length; i++) {
            LocalDate from = LocalDate.ofEpochDay(deferralFrom[i]);
            deferrals.add(deferralUntil[i] == PERMANENT
                    ? new Deferral(from, null, true, deferralReasons[i], deferralCentres[i])
                    : new Deferral(from, LocalDate.ofEpochDay(deferralUntil[i]), false, deferralReasons[i], deferralCentres[i]));
        }
        return new DonorHistory(LocalDate.ofEpochDay(birthDate), sex, weightKg == NO_WEIGHT ? null : weightKg,
                donations, deferrals, List.of());
    }

    // Arrays make the record's generated equals/hashCode compare identities; compare contents instead.
    @Override
    public boolean equals(Object o) {
        return o instanceof EligibilityFacts f && seqNr == f.seqNr && validFrom == f.validFrom && birthDate == f.birthDate
                && sex == f.sex && weightKg == f.weightKg && Arrays.equals(donationDays, f.donationDays)
                && Arrays.equals(donationTypes, f.donationTypes) && Arrays.equals(deferralFrom, f.deferralFrom)
                && Arrays.equals(deferralUntil, f.deferralUntil) && Arrays.equals(deferralReasons, f.deferralReasons)
                && Arrays.equals(deferralCentres, f.deferralCentres);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seqNr, validFrom, birthDate, sex, weightKg, Arrays.hashCode(donationDays),
                Arrays.hashCode(deferralFrom));
    }

    @Override
    public String toString() {
        return "EligibilityFacts[seqNr=" + seqNr + ", validFrom=" + LocalDate.ofEpochDay(validFrom) + ", donations="
                + donationDays.length + ", deferrals=" + deferralFrom.length + "]";
    }
}
