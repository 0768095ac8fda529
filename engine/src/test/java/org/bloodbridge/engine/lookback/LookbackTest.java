package org.bloodbridge.engine.lookback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.Marker;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.eligibility.RuleSets;
import org.bloodbridge.engine.eligibility.TestOutcome;
import org.bloodbridge.engine.eligibility.TestResult;
import org.junit.jupiter.api.Test;

/** The look-back window of domain-rules section 8, as pure functions. */
class LookbackTest {
    private static final String DONOR = "abcdefghijklmnopqrstuvwx";
    private static final Instant AT = Instant.parse("2026-11-20T03:00:00Z");
    private static final RuleSet CN = RuleSets.inForce(ConfigFactory.defaultReference());
    private static final LookbackRules RULES = LookbackRules.fromConfig(ConfigFactory.defaultReference(), CN);

    private static final CollectedDonation BEFORE_WINDOW = new CollectedDonation("CD", LocalDate.of(2025, 6, 1), DonationType.WHOLE_BLOOD, null);
    private static final CollectedDonation FIRST_DAY = new CollectedDonation("CQ", LocalDate.of(2025, 11, 20), DonationType.PLATELETS_APHERESIS, "G123498654321");
    private static final CollectedDonation IN_WINDOW = new CollectedDonation("CD", LocalDate.of(2026, 7, 15), DonationType.WHOLE_BLOOD, null);
    private static final CollectedDonation TEST_DAY = new CollectedDonation("CQ", LocalDate.of(2026, 11, 20), DonationType.WHOLE_BLOOD, null);
    private static final List<CollectedDonation> DONATIONS = List.of(BEFORE_WINDOW, FIRST_DAY, IN_WINDOW, TEST_DAY);

    private static TestResult hiv(LocalDate date, TestOutcome outcome) {
        return new TestResult(date, Marker.HIV, outcome);
    }

    private static List<LocalDate> recalledDates(List<TestResult> earlier) {
        return Lookback.recalls(DONOR, hiv(LocalDate.of(2026, 11, 20), TestOutcome.REACTIVE), earlier, DONATIONS, RULES, AT)
                .stream().map(Recall::donationDate).toList();
    }

    @Test
    void withoutANonReactiveResultTheWindowStartsTwelveMonthsBeforeTheReactiveTest() {
        assertEquals(LocalDate.of(2025, 11, 20), Lookback.start(hiv(LocalDate.of(2026, 11, 20), TestOutcome.REACTIVE), List.of(),
                Period.ofMonths(12)));
        assertEquals(List.of(LocalDate.of(2025, 11, 20), LocalDate.of(2026, 7, 15)), recalledDates(List.of()),
                "from the first day of the window, not the donation tested on the day, none before the window");
    }

    @Test
    void theMostRecentNonReactiveResultForTheSameMarkerMovesTheStartBack() {
        List<TestResult> earlier = List.of(
                hiv(LocalDate.of(2024, 1, 10), TestOutcome.NON_REACTIVE),
                hiv(LocalDate.of(2025, 3, 1), TestOutcome.NON_REACTIVE),
                new TestResult(LocalDate.of(2026, 10, 1), Marker.HCV, TestOutcome.NON_REACTIVE));
        assertEquals(LocalDate.of(2024, 3, 1), Lookback.start(hiv(LocalDate.of(2026, 11, 20), TestOutcome.REACTIVE), earlier,
                Period.ofMonths(12)), "the 2025-03-01 HIV result, not the HCV one");
        assertEquals(List.of(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 11, 20), LocalDate.of(2026, 7, 15)),
                recalledDates(earlier));
    }

    @Test
    void eachRecallNamesTheDonationTheMarkerAndTheTestDateAndHasAStableId() {
        Recall recall = Lookback.recalls(DONOR, hiv(LocalDate.of(2026, 11, 20), TestOutcome.REACTIVE), List.of(), DONATIONS,
                RULES, AT).get(0);
        assertEquals(new Recall(RecallIds.of(DONOR, FIRST_DAY, Marker.HIV), DONOR, "CQ", LocalDate.of(2025, 11, 20),
                DonationType.PLATELETS_APHERESIS, "G123498654321", Marker.HIV, LocalDate.of(2026, 11, 20), AT, null), recall);
        assertEquals(RecallStatus.OPEN, recall.status());
        assertEquals(Optional.of(DONOR), RecallIds.donorIdOf(recall.recallId()));
        assertEquals(RecallIds.of(DONOR, FIRST_DAY, Marker.HIV), RecallIds.of(DONOR, FIRST_DAY, Marker.HIV));
        assertNotEquals(RecallIds.of(DONOR, FIRST_DAY, Marker.HIV), RecallIds.of(DONOR, FIRST_DAY, Marker.HCV));
        assertEquals(Optional.empty(), RecallIds.donorIdOf("not-a-recall"));
    }

    @Test
    void onlyReactiveResultsForPermanentlyDeferringMarkersStartALookBack() {
        assertEquals(List.of(), Lookback.recalls(DONOR, hiv(LocalDate.of(2026, 11, 20), TestOutcome.NON_REACTIVE), List.of(),
                DONATIONS, RULES, AT));
        assertEquals(List.of(), Lookback.recalls(DONOR, new TestResult(LocalDate.of(2026, 11, 20), Marker.ALT, TestOutcome.REACTIVE),
                List.of(), DONATIONS, RULES, AT));
        assertEquals(Map.of(Marker.HIV, Period.ofMonths(12), Marker.HBV, Period.ofMonths(12), Marker.HCV, Period.ofMonths(12),
                Marker.SYPHILIS, Period.ofMonths(12)), RULES.windows());
    }

    @Test
    void theWindowIsConfigurablePerMarker() {
        var config = ConfigFactory.parseString("bloodbridge.lookback.windows.HCV = \"P6M\"")
                .withFallback(ConfigFactory.defaultReference());
        LookbackRules rules = LookbackRules.fromConfig(config, CN);
        assertEquals(Optional.of(Period.ofMonths(6)), rules.window(Marker.HCV));
        assertEquals(Optional.of(Period.ofMonths(12)), rules.window(Marker.HIV));
        String alt = assertThrows(IllegalArgumentException.class, () -> LookbackRules.fromConfig(
                ConfigFactory.parseString("bloodbridge.lookback.windows.ALT = \"P6M\""), CN)).getMessage();
        assertTrue(alt.startsWith("bloodbridge.lookback.windows.ALT"), alt);
        String bad = assertThrows(IllegalArgumentException.class, () -> LookbackRules.fromConfig(
                ConfigFactory.parseString("bloodbridge.lookback.default-window = \"twelve\""), CN)).getMessage();
        assertTrue(bad.startsWith("bloodbridge.lookback.default-window"), bad);
    }
}
