package org.bloodbridge.bench.data;

import com.typesafe.config.ConfigFactory;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.eligibility.RuleSets;

/**
 * Donation histories from registration to the as-of date: regular apheresis donors (most of the
 * platelet panel) and whole blood donors. Gaps are the minimum interval plus an exponential wait,
 * except a few deliberately too short (import records them as past fact and counts the violation).
 * The latest donation carries its screening results; a few donors end with a manual deferral.
 */
final class HistoryGenerator {
    private static final double NEVER_DONATED = 0.08;
    private static final double APHERESIS_DONOR_IN_PANEL = 0.90;
    private static final double APHERESIS_DONOR_OUTSIDE_PANEL = 0.05;
    /** Chance per donation that the donor stops coming. */
    private static final double LAPSE = 0.12;
    private static final double SWITCH_TYPE = 0.08;
    /** Chance per gap of coming back before the interval rule allows. */
    private static final double TOO_EARLY = 0.004;
    private static final double MEAN_EXTRA_DAYS_WHOLE_BLOOD = 150;
    private static final double MEAN_EXTRA_DAYS_APHERESIS = 25;
    private static final double AWAY_FROM_HOME = 0.08;
    private static final double TEMPORARY_DEFERRAL = 0.03;
    private static final double PERMANENT_DEFERRAL = 0.003;
    private static final String[] TEMPORARY_REASONS = {"low haemoglobin", "recent tattoo", "travel to a malaria area",
            "antibiotic treatment", "recent surgery"};
    private static final String[] PERMANENT_REASONS = {"cardiovascular disease", "chronic kidney disease"};
    private static final int[] TEMPORARY_DAYS = {90, 180, 365};

    private final List<String> centres;
    private final LocalDate asOf;
    /** The intervals the generated histories mostly respect: the default rule set's. */
    private final RuleSet rules = RuleSets.inForce(ConfigFactory.load());
    private final DinIssuer dins = new DinIssuer();

    HistoryGenerator(List<String> centres, LocalDate asOf) {
        this.centres = centres;
        this.asOf = asOf;
    }

    record History(List<Donation> donations, List<TestResult> testResults, List<Deferral> deferrals) {}

    History generate(SplittableRandom random, String home, LocalDate registeredOn, boolean plateletPanel) {
        List<Donation> donations = new ArrayList<>();
        if (random.nextDouble() >= NEVER_DONATED) {
            boolean apheresisDonor = random.nextDouble()
                    < (plateletPanel ? APHERESIS_DONOR_IN_PANEL : APHERESIS_DONOR_OUTSIDE_PANEL);
            DonationType usual = apheresisDonor ? DonationType.PLATELETS_APHERESIS : DonationType.WHOLE_BLOOD;
            DonationType type = usual;
            LocalDate date = registeredOn;
            while (!date.isAfter(asOf)) {
                donations.add(donation(random, home, type, date));
                if (random.nextDouble() < LAPSE) {
                    break;
                }
                DonationType next = random.nextDouble() < SWITCH_TYPE ? other(usual) : usual;
                date = nextDate(random, date, type, next);
                type = next;
            }
        }
        List<TestResult> tests = donations.isEmpty() ? List.of() : screening(random, donations.get(donations.size() - 1));
        LocalDate lastSeen = donations.isEmpty() ? registeredOn : donations.get(donations.size() - 1).date();
        return new History(donations, tests, deferrals(random, home, lastSeen));
    }

    private Donation donation(SplittableRandom random, String home, DonationType type, LocalDate date) {
        String centre = centres.size() > 1 && random.nextDouble() < AWAY_FROM_HOME
                ? centres.get(random.nextInt(centres.size())) : home;
        String din = dins.issue(centre, date.getYear());
        if (type == DonationType.WHOLE_BLOOD) {
            double u = random.nextDouble();
            return new Donation(centre, type, date, u < 0.6 ? 400 : u < 0.8 ? 300 : 200, null, din);
        }
        return new Donation(centre, type, date, null, random.nextDouble() < 0.55 ? 2 : 1, din);
    }

    private LocalDate nextDate(SplittableRandom random, LocalDate last, DonationType type, DonationType next) {
        LocalDate earliest = last.plus(rules.interval(type, next));
        if (random.nextDouble() < TOO_EARLY) {
            long allowedAfter = ChronoUnit.DAYS.between(last, earliest);
            return last.plusDays(1 + random.nextLong(allowedAfter - 1));
        }
        double mean = next == DonationType.WHOLE_BLOOD ? MEAN_EXTRA_DAYS_WHOLE_BLOOD : MEAN_EXTRA_DAYS_APHERESIS;
        return earliest.plusDays((long) (-mean * Math.log(1 - random.nextDouble())));
    }

    private static DonationType other(DonationType type) {
        return type == DonationType.WHOLE_BLOOD ? DonationType.PLATELETS_APHERESIS : DonationType.WHOLE_BLOOD;
    }

    /** Every marker on the latest donation; at most one reactive (reactive HIV..SYPHILIS is permanent, ALT temporary). */
    private static List<TestResult> screening(SplittableRandom random, Donation latest) {
        String reactive = null;
        double u = random.nextDouble();
        for (Map.Entry<String, Double> marker : HanFrequencies.REACTIVE.entrySet()) {
            u -= marker.getValue();
            if (u < 0) {
                reactive = marker.getKey();
                break;
            }
        }
        List<TestResult> tests = new ArrayList<>();
        for (String marker : HanFrequencies.REACTIVE.keySet()) {
            tests.add(new TestResult(latest.centre(), latest.date(), marker, marker.equals(reactive)));
        }
        return tests;
    }

    /** A manual deferral starting after the last visit, so no recorded donation falls inside it. */
    private List<Deferral> deferrals(SplittableRandom random, String home, LocalDate lastSeen) {
        long room = ChronoUnit.DAYS.between(lastSeen, asOf);
        double u = random.nextDouble();
        if (room < 1 || u >= TEMPORARY_DEFERRAL + PERMANENT_DEFERRAL) {
            return List.of();
        }
        LocalDate from = lastSeen.plusDays(1 + random.nextLong(room));
        if (u < PERMANENT_DEFERRAL) {
            return List.of(new Deferral(home, PERMANENT_REASONS[random.nextInt(PERMANENT_REASONS.length)], from, null));
        }
        return List.of(new Deferral(home, TEMPORARY_REASONS[random.nextInt(TEMPORARY_REASONS.length)], from,
                from.plusDays(TEMPORARY_DAYS[random.nextInt(TEMPORARY_DAYS.length)])));
    }
}
