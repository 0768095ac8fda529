package org.bloodbridge.engine.eligibility;

import static java.util.Comparator.comparing;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies a {@link RuleSet} to a donor's federated history. A pure function of its arguments: the
 * date is passed in, nothing reads a clock.
 *
 * <p>History is taken as it stands on the query date: donations dated after it are ignored, and the
 * next eligible date assumes no further donations. Deferrals (manual or from reactive tests) count by
 * their own dates, so one that starts later still pushes the next eligible date back.
 */
public final class Eligibility {
    /** Each step moves past at least one reason; no real history comes near this many. */
    private static final int MAX_STEPS = 10_000;

    private final RuleSet rules;
    private final DonorHistory history;
    private final DonationType type;
    /** Donations on or before the query date, newest first. */
    private final List<PastDonation> donations;
    /** Manual deferrals, then those derived from reactive tests. */
    private final List<Deferral> deferrals;

    /** A reason that applies on one day, with the first day it no longer does (null: not time-bound). */
    private record Block(Reason reason, LocalDate clearsOn) {
        Block(ReasonCode code, String message, LocalDate clearsOn) {
            this(new Reason(code, message), clearsOn);
        }
    }

    private Eligibility(RuleSet rules, DonorHistory history, DonationType type, LocalDate date) {
        this.rules = rules;
        this.history = history;
        this.type = type;
        this.donations = history.donations().stream()
                .filter(d -> !d.date().isAfter(date))
                .sorted(comparing(PastDonation::date).reversed())
                .toList();
        List<Deferral> all = new ArrayList<>(history.deferrals());
        all.addAll(rules.deferralsFromTests(history.testResults()));
        this.deferrals = all;
    }

    /** May the donor give {@code type} on {@code date}? Every reason that applies is returned. */
    public static EligibilityResult evaluate(RuleSet rules, DonorHistory history, DonationType type, LocalDate date) {
        Eligibility check = new Eligibility(rules, history, type, date);
        List<Block> blocks = check.blocksOn(date);
        if (blocks.isEmpty()) {
            return new EligibilityResult(true, date, List.of());
        }
        return new EligibilityResult(false, check.nextEligibleDate(blocks), blocks.stream().map(Block::reason).toList());
    }

    /**
     * Reasons interact (a deferral may start before an interval ends; a count window may clear only
     * after an interval), so jump to the day the last current reason clears and look again there.
     * No day before that jump can be eligible, because that reason holds until then.
     */
    private LocalDate nextEligibleDate(List<Block> blocksOnQueryDate) {
        List<Block> blocks = blocksOnQueryDate;
        for (int step = 0; step < MAX_STEPS; step++) {
            if (blocks.stream().anyMatch(b -> b.clearsOn() == null)) {
                return null;
            }
            LocalDate candidate = blocks.stream().map(Block::clearsOn).max(Comparator.naturalOrder()).orElseThrow();
            blocks = blocksOn(candidate);
            if (blocks.isEmpty()) {
                return candidate;
            }
        }
        throw new IllegalStateException("no eligible date found within " + MAX_STEPS + " steps");
    }

    private List<Block> blocksOn(LocalDate day) {
        List<Block> blocks = new ArrayList<>();
        checkAge(day, blocks);
        checkWeight(blocks);
        checkIntervals(day, blocks);
        checkCountLimits(day, blocks);
        checkDeferrals(day, blocks);
        return blocks;
    }

    private void checkAge(LocalDate day, List<Block> blocks) {
        int age = ageOn(day);
        if (age < rules.minAge()) {
            LocalDate birthday = firstDayAged(rules.minAge());
            blocks.add(new Block(ReasonCode.AGE, "age " + age + " on " + day + "; donors must be at least "
                    + rules.minAge() + ", reached on " + birthday, birthday));
            return;
        }
        boolean repeatDonor = donations.stream().anyMatch(d -> d.date().isBefore(day));
        int maxAge = repeatDonor ? rules.maxAgeRepeat() : rules.maxAgeFirstTime();
        if (age > maxAge) {
            blocks.add(new Block(ReasonCode.AGE, "age " + age + " on " + day + "; "
                    + (repeatDonor ? "repeat" : "first-time") + " donors are accepted up to age " + maxAge, null));
        }
    }

    private int ageOn(LocalDate day) {
        return Period.between(history.birthDate(), day).getYears();
    }

    /** The first day the donor is {@code years} old; for a Feb 29 birthday that is Mar 1 in common years. */
    private LocalDate firstDayAged(int years) {
        LocalDate day = history.birthDate().plusYears(years);
        while (ageOn(day) < years) {
            day = day.plusDays(1);
        }
        return day;
    }

    private void checkWeight(List<Block> blocks) {
        Integer weightKg = history.weightKg();
        int minKg = rules.minWeightKg().get(history.sex());
        if (weightKg == null) {
            blocks.add(new Block(ReasonCode.WEIGHT, "weight not recorded", null));
        } else if (weightKg < minKg) {
            blocks.add(new Block(ReasonCode.WEIGHT, "weight " + weightKg + " kg is below the " + minKg
                    + " kg minimum for sex " + history.sex(), null));
        }
    }

    /** The wait runs from the newest donation of each type, so each type can block on its own. */
    private void checkIntervals(LocalDate day, List<Block> blocks) {
        for (DonationType last : DonationType.values()) {
            donations.stream().filter(d -> d.type() == last).findFirst().ifPresent(previous -> {
                LocalDate allowed = previous.date().plus(rules.interval(last, type));
                if (day.isBefore(allowed)) {
                    blocks.add(new Block(ReasonCode.INTERVAL, "last " + last.label() + " donation " + previous.date()
                            + "; next " + type.label() + " allowed from " + allowed, allowed));
                }
            });
        }
    }

    private void checkCountLimits(LocalDate day, List<Block> blocks) {
        for (CountLimit limit : rules.countLimits()) {
            if (limit.type() != type) {
                continue;
            }
            LocalDate excludedStart = day.minus(limit.window());
            List<PastDonation> counted = donations.stream()
                    .filter(d -> d.type() == type && d.date().isAfter(excludedStart))
                    .toList();
            if (counted.size() >= limit.max()) {
                // One more fits once the max-th newest donation (and with it every older one) has left the window.
                LocalDate clears = firstDayOutsideWindow(counted.get(limit.max() - 1).date(), limit.window());
                blocks.add(new Block(limit.code(), counted.size() + " " + type.label() + " donations from "
                        + excludedStart.plusDays(1) + " to " + day + ", at most " + limit.max() + " in any "
                        + describe(limit.window()) + "; next allowed from " + clears, clears));
            }
        }
    }

    /**
     * The first day D whose window (D minus window, D] no longer holds {@code donated}. Start from
     * donated + window and correct by days: month arithmetic clamps to month ends (Feb 29, Aug 31),
     * so plus and minus are not inverses. D minus window only grows with D, so the search is exact.
     */
    private static LocalDate firstDayOutsideWindow(LocalDate donated, Period window) {
        LocalDate day = donated.plus(window);
        while (day.minus(window).isBefore(donated)) {
            day = day.plusDays(1);
        }
        while (!day.minusDays(1).minus(window).isBefore(donated)) {
            day = day.minusDays(1);
        }
        return day;
    }

    private void checkDeferrals(LocalDate day, List<Block> blocks) {
        for (Deferral deferral : deferrals) {
            if (!deferral.activeOn(day)) {
                continue;
            }
            String at = deferral.centre() == null ? "" : " (recorded at " + deferral.centre() + ")";
            if (deferral.permanent()) {
                String brief = "permanently deferred from " + deferral.from() + at;
                blocks.add(new Block(new Reason(ReasonCode.DEFERRED_PERMANENT,
                        brief + ": " + deferral.reason(), deferral.centre(), brief), null));
            } else {
                String brief = "deferred from " + deferral.from() + " until " + deferral.until()
                        + " (may donate again that day)" + at;
                blocks.add(new Block(new Reason(ReasonCode.DEFERRED_TEMPORARY,
                        brief + ": " + deferral.reason(), deferral.centre(), brief), deferral.until()));
            }
        }
    }

    /** "12 months", "7 days", "1 year 2 months". */
    private static String describe(Period period) {
        List<String> parts = new ArrayList<>();
        addPart(parts, period.getYears(), "year");
        addPart(parts, period.getMonths(), "month");
        addPart(parts, period.getDays(), "day");
        return String.join(" ", parts);
    }

    private static void addPart(List<String> parts, int amount, String unit) {
        if (amount != 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
