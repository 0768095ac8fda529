package org.bloodbridge.engine.eligibility;

import static org.bloodbridge.engine.eligibility.DonationType.PLATELETS_APHERESIS;
import static org.bloodbridge.engine.eligibility.DonationType.WHOLE_BLOOD;
import static org.bloodbridge.engine.eligibility.Donors.CN;
import static org.bloodbridge.engine.eligibility.Donors.assertAnswer;
import static org.bloodbridge.engine.eligibility.Donors.assertClearsOn;
import static org.bloodbridge.engine.eligibility.Donors.donor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.identity.Sex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Several reasons at once, and the exact first day on which all of them have cleared. */
class NextEligibleDateTest {

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    @Test
    void everyReasonIsReportedAndTheLastToClearSetsTheDate() {
        EligibilityResult result = donor()
                .donated("2026-06-01", WHOLE_BLOOD)
                .donated("2026-11-20", PLATELETS_APHERESIS)
                .deferred(Deferral.temporary(day("2026-11-01"), day("2026-12-10"), "tattoo"))
                .check(CN, WHOLE_BLOOD, "2026-11-25");
        assertAnswer(result, day("2026-12-18"),
                ReasonCode.INTERVAL, ReasonCode.INTERVAL, ReasonCode.DEFERRED_TEMPORARY);
        assertEquals(List.of(
                "last whole blood donation 2026-06-01; next whole blood allowed from 2026-12-01",
                "last platelet apheresis donation 2026-11-20; next whole blood allowed from 2026-12-18",
                "deferred from 2026-11-01 until 2026-12-10 (may donate again that day): tattoo"),
                result.reasons().stream().map(Reason::message).toList());
    }

    @Test
    void aDeferralStartingBeforeTheIntervalEndsPushesTheDateBack() {
        Donors donor = donor()
                .donated("2026-11-01", PLATELETS_APHERESIS)
                .deferred(Deferral.temporary(day("2026-11-12"), day("2026-11-20"), "cold"));
        // on the query date only the interval applies; on the day it clears, the deferral does
        assertAnswer(donor.check(CN, PLATELETS_APHERESIS, "2026-11-10"), day("2026-11-20"), ReasonCode.INTERVAL);
    }

    @Test
    void aLaterPermanentDeferralMakesTheDateUnknown() {
        Donors donor = donor()
                .donated("2026-11-01", PLATELETS_APHERESIS)
                .deferred(Deferral.permanent(day("2026-11-12"), "hepatitis contact"));
        assertAnswer(donor.check(CN, PLATELETS_APHERESIS, "2026-11-10"), null, ReasonCode.INTERVAL);
    }

    @Test
    void aRepeatDonorWhoTurns61BeforeTheIntervalEndsHasNoNextDate() {
        Donors donor = donor().born("1965-09-10").donated("2026-06-01", WHOLE_BLOOD);
        assertAnswer(donor.check(CN, WHOLE_BLOOD, "2026-08-01"), null, ReasonCode.INTERVAL);
        assertAnswer(donor().born("1965-12-02").donated("2026-06-01", WHOLE_BLOOD).check(CN, WHOLE_BLOOD, "2026-08-01"),
                day("2026-12-01"), ReasonCode.INTERVAL);
    }

    @Test
    void aDonorTooYoungAndDeferredWaitsForTheLaterOfBirthdayAndDeferralEnd() {
        Donors donor = donor().born("2008-07-01")
                .deferred(Deferral.temporary(day("2026-05-01"), day("2026-08-15"), "malaria area"));
        assertAnswer(donor.check(CN, WHOLE_BLOOD, "2026-06-01"), day("2026-08-15"),
                ReasonCode.AGE, ReasonCode.DEFERRED_TEMPORARY);
        assertEquals("age 17 on 2026-06-01; donors must be at least 18, reached on 2026-07-01",
                donor.check(CN, WHOLE_BLOOD, "2026-06-01").reasons().get(0).message());
    }

    @Test
    void theAnnualWindowCanOutlastTheInterval() {
        Donors donor = donor();
        for (int i = 0; i < 24; i++) {
            donor.donated(day("2025-12-01").plusDays(14L * i).toString(), PLATELETS_APHERESIS);
        }
        // last donation 2026-10-19: the interval clears 2026-11-02, the annual window 2026-12-01
        assertAnswer(donor.check(CN, PLATELETS_APHERESIS, "2026-10-25"), day("2026-12-01"),
                ReasonCode.INTERVAL, ReasonCode.ANNUAL_LIMIT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "permanent deferral and interval, DEFERRED_PERMANENT",
        "weight not recorded and interval, WEIGHT",
        "too old and interval, AGE",
    })
    void anyReasonWithoutEndMakesTheDateNull(String what, ReasonCode endless) {
        Donors donor = donor().donated("2026-06-01", WHOLE_BLOOD);
        switch (endless) {
            case DEFERRED_PERMANENT -> donor.deferred(Deferral.permanent(day("2026-06-05"), "positive HIV test elsewhere"));
            case WEIGHT -> donor.weighing(null);
            default -> donor.born("1960-01-01");
        }
        EligibilityResult result = donor.check(CN, WHOLE_BLOOD, "2026-07-01");
        List<ReasonCode> codes = result.reasons().stream().map(Reason::code).toList();
        assertEquals(2, codes.size(), () -> "reasons " + result.reasons());
        assertTrue(codes.contains(endless) && codes.contains(ReasonCode.INTERVAL), () -> "reasons " + codes);
        assertFalse(result.eligible());
        assertNull(result.nextEligibleDate());
    }

    @ParameterizedTest(name = "at most one in {0}, donated {1}, on {2} -> next {3}")
    @CsvSource({
        "P7D, 2026-03-02, 2026-03-08, 2026-03-09",
        "P7D, 2026-03-02, 2026-03-09, 2026-03-09",
        // 2025-02-28 minus 12 months is 2024-02-28, before the Feb 29 donation: it still counts
        "P12M, 2024-02-29, 2025-02-28, 2025-03-01",
        "P12M, 2024-02-29, 2025-03-01, 2025-03-01",
        // 2027-02-28 minus 6 months is 2026-08-28
        "P6M, 2026-08-31, 2027-02-28, 2027-03-01",
        "P6M, 2026-08-31, 2027-03-01, 2027-03-01",
        // 2027-01-28 plus P1M2D is 2027-03-02, yet 2027-03-01 minus P1M2D is 2027-01-30: already outside
        "P1M2D, 2027-01-28, 2027-02-28, 2027-03-01",
        "P1M2D, 2027-01-28, 2027-03-01, 2027-03-01",
    })
    void aCountWindowClearsOnTheExactDayTheDonationLeavesIt(Period window, String donated, LocalDate date, LocalDate next) {
        RuleSet oneIn = onlyCountLimit(new CountLimit(PLATELETS_APHERESIS, 1, window, ReasonCode.FREQUENCY_LIMIT));
        EligibilityResult result = Eligibility.evaluate(
                oneIn, donor().donated(donated, PLATELETS_APHERESIS).history(), PLATELETS_APHERESIS, date);
        assertClearsOn(result, date, next, ReasonCode.FREQUENCY_LIMIT);
    }

    /** A rule set with no other restriction, so the count limit is tested alone. */
    private static RuleSet onlyCountLimit(CountLimit limit) {
        Map<DonationType, Period> noWait = Map.of(WHOLE_BLOOD, Period.ZERO, PLATELETS_APHERESIS, Period.ZERO);
        return new RuleSet("count only", 0, 200, 200, Map.of(Sex.M, 0, Sex.F, 0),
                Map.of(WHOLE_BLOOD, noWait, PLATELETS_APHERESIS, noWait), List.of(limit), Map.of());
    }
}
