package org.bloodbridge.engine.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bloodbridge.engine.identity.Sex;

class EligibilityFactsPropertyTest {
    private static final LocalDate BASE = LocalDate.parse("2024-01-01");
    private static final String[] CENTRES = {"BJ01", "SH02", null};

    /**
     * For random histories, any validFrom and any date on or after it, the facts answer exactly as the
     * full history does, under both shipped rule sets and for every donation type.
     */
    @Property(tries = 2000)
    void factsAnswerAsTheFullHistory(@ForAll long seed) {
        Random random = new Random(seed);
        DonorHistory history = randomHistory(random);
        LocalDate validFrom = random.nextInt(3) == 0 && !history.donations().isEmpty()
                ? history.donations().get(random.nextInt(history.donations().size())).date() // the edges of "before"
                : BASE.plusDays(random.nextInt(1200) - 200);
        for (RuleSet rules : List.of(Donors.CN, Donors.US)) {
            EligibilityFacts facts = EligibilityFacts.of(rules, history, validFrom, 7);
            for (int i = 0; i < 6; i++) {
                LocalDate date = validFrom.plusDays(i == 0 ? 0 : random.nextInt(i < 3 ? 30 : 900));
                for (DonationType type : DonationType.values()) {
                    assertEquals(Eligibility.evaluate(rules, history, type, date), facts.evaluate(rules, type, date),
                            () -> rules.name() + " " + type + " on " + date + " from " + validFrom + ": " + history);
                }
            }
        }
    }

    @Example
    void anEarlierDateIsNotAnswered() {
        DonorHistory history = Donors.donor().donated("2025-03-01", DonationType.WHOLE_BLOOD).history();
        EligibilityFacts facts = EligibilityFacts.of(Donors.CN, history, LocalDate.parse("2026-01-10"), 3);
        assertTrue(facts.answers(LocalDate.parse("2026-01-10")));
        assertFalse(facts.answers(LocalDate.parse("2026-01-09")));
        assertThrows(IllegalArgumentException.class,
                () -> facts.evaluate(Donors.CN, DonationType.WHOLE_BLOOD, LocalDate.parse("2026-01-09")));
    }

    /** A donation on validFrom does not make a repeat donor on that day; an old one dropped otherwise would. */
    @Example
    void aRepeatDonorStaysOne() {
        DonorHistory history = Donors.donor().born("1968-01-01")
                .donated("2024-01-01", DonationType.WHOLE_BLOOD).donated("2026-01-10", DonationType.WHOLE_BLOOD).history();
        LocalDate day = LocalDate.parse("2026-01-10");
        EligibilityFacts facts = EligibilityFacts.of(Donors.CN, history, day, 2);
        assertEquals(Eligibility.evaluate(Donors.CN, history, DonationType.WHOLE_BLOOD, day),
                facts.evaluate(Donors.CN, DonationType.WHOLE_BLOOD, day));
    }

    /** Old history is reduced: a donor of many years keeps only what a rule can still look at. */
    @Example
    void oldHistoryIsDropped() {
        Donors donor = Donors.donor();
        for (int year = 2010; year < 2026; year++) {
            donor.donated(year + "-02-01", DonationType.WHOLE_BLOOD).donated(year + "-09-01", DonationType.WHOLE_BLOOD);
        }
        donor.deferred(Deferral.temporary(LocalDate.parse("2015-01-01"), LocalDate.parse("2015-06-01"), "travel"));
        donor.tested("2012-03-01", Marker.ALT, TestOutcome.REACTIVE);
        EligibilityFacts facts = EligibilityFacts.of(Donors.CN, donor.history(), LocalDate.parse("2026-01-10"), 40);
        // the oldest (repeat donor), and those inside the 12-month count window
        assertEquals(3, facts.donationDays().length);
        assertEquals(0, facts.deferralFrom().length);
    }

    private static DonorHistory randomHistory(Random random) {
        LocalDate birth = LocalDate.parse("1955-01-01").plusDays(random.nextInt(365 * 55));
        if (random.nextInt(10) == 0) {
            birth = LocalDate.parse("2008-02-29");
        } else if (random.nextInt(3) == 0) { // between the first-time and the repeat donors' age limits
            birth = BASE.minusYears(54).minusDays(random.nextInt(365 * 4));
        }
        Sex sex = random.nextBoolean() ? Sex.M : Sex.F;
        Integer weight = random.nextInt(8) == 0 ? null : 40 + random.nextInt(50);
        List<PastDonation> donations = new ArrayList<>();
        int n = random.nextInt(16);
        LocalDate day = BASE.minusDays(random.nextInt(1500));
        for (int i = 0; i < n; i++) {
            int gap = switch (random.nextInt(8)) {
                case 0, 1 -> 0; // same day
                case 2 -> 300 + random.nextInt(500); // long breaks: windows empty, old donations only for intervals and age
                default -> random.nextInt(120);
            };
            day = day.plusDays(gap);
            donations.add(new PastDonation(day, DonationType.values()[random.nextInt(DonationType.values().length)]));
        }
        if (random.nextBoolean()) {
            java.util.Collections.shuffle(donations, random);
        }
        List<Deferral> deferrals = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            LocalDate from = BASE.plusDays(random.nextInt(1400) - 500);
            String centre = CENTRES[random.nextInt(CENTRES.length)];
            deferrals.add(random.nextInt(5) == 0
                    ? new Deferral(from, null, true, "reason " + i, centre)
                    : new Deferral(from, from.plusDays(1 + random.nextInt(400)), false, "reason " + i, centre));
        }
        List<TestResult> tests = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            tests.add(new TestResult(BASE.plusDays(random.nextInt(1400) - 500), Marker.values()[random.nextInt(Marker.values().length)],
                    random.nextInt(3) == 0 ? TestOutcome.REACTIVE : TestOutcome.NON_REACTIVE, CENTRES[random.nextInt(CENTRES.length)]));
        }
        return new DonorHistory(birth, sex, weight, donations, deferrals, tests);
    }
}
