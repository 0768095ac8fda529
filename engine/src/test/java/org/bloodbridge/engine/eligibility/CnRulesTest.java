package org.bloodbridge.engine.eligibility;

import static org.bloodbridge.engine.eligibility.DonationType.PLATELETS_APHERESIS;
import static org.bloodbridge.engine.eligibility.DonationType.WHOLE_BLOOD;
import static org.bloodbridge.engine.eligibility.Donors.CN;
import static org.bloodbridge.engine.eligibility.Donors.assertAnswer;
import static org.bloodbridge.engine.eligibility.Donors.assertClearsOn;
import static org.bloodbridge.engine.eligibility.Donors.donor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.bloodbridge.engine.identity.Sex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Each rule of CN-GB18467-2011 alone, on the day before and the day of every boundary. */
class CnRulesTest {

    @ParameterizedTest(name = "born {0}, on {1}, repeat donor {2} -> next {3}")
    @CsvSource({
        // 18th birthday; a Feb 29 birthday turns 18 (by whole years) on Mar 1 in a common year
        "2008-05-02, 2026-05-01, false, 2026-05-02",
        "2008-05-02, 2026-05-02, false, 2026-05-02",
        "2008-02-29, 2026-02-28, false, 2026-03-01",
        "2008-02-29, 2026-03-01, false, 2026-03-01",
        // first-time donors to 55 inclusive
        "1970-05-02, 2026-05-01, false, 2026-05-01",
        "1970-05-02, 2026-05-02, false,",
        // repeat donors to 60 inclusive
        "1970-05-02, 2026-05-02, true, 2026-05-02",
        "1965-05-02, 2026-05-01, true, 2026-05-01",
        "1965-05-02, 2026-05-02, true,",
    })
    void age(LocalDate born, LocalDate date, boolean repeatDonor, LocalDate next) {
        Donors donor = donor().born(born.toString());
        if (repeatDonor) {
            donor.donated("2024-01-10", WHOLE_BLOOD);
        }
        EligibilityResult result = Eligibility.evaluate(CN, donor.history(), WHOLE_BLOOD, date);
        assertClearsOn(result, date, next, ReasonCode.AGE);
    }

    @Test
    void aDonationOnTheQueryDateDoesNotMakeARepeatDonorThatDay() {
        EligibilityResult result = donor().born("1970-05-02").donated("2026-06-01", PLATELETS_APHERESIS)
                .check(CN, PLATELETS_APHERESIS, "2026-06-01");
        assertAnswer(result, null, ReasonCode.AGE, ReasonCode.INTERVAL);
        assertEquals("age 56 on 2026-06-01; first-time donors are accepted up to age 55", result.reasons().get(0).message());
    }

    @ParameterizedTest(name = "{0} {1} kg -> eligible {2}")
    @CsvSource({"M, 49, false", "M, 50, true", "F, 44, false", "F, 45, true", "M, , false", "F, , false"})
    void weight(Sex sex, Integer weightKg, boolean eligible) {
        EligibilityResult result = donor().sex(sex).weighing(weightKg).check(CN, PLATELETS_APHERESIS, "2026-06-01");
        if (eligible) {
            assertAnswer(result, LocalDate.parse("2026-06-01"));
        } else {
            assertAnswer(result, null, ReasonCode.WEIGHT);
            String expected = weightKg == null
                    ? "weight not recorded"
                    : "weight " + weightKg + " kg is below the " + (sex == Sex.M ? 50 : 45) + " kg minimum for sex " + sex;
            assertEquals(expected, result.reasons().get(0).message());
        }
    }

    @ParameterizedTest(name = "last {0} {1}, next {2} on {3} -> allowed from {4}")
    @CsvSource({
        "WHOLE_BLOOD, 2026-06-01, WHOLE_BLOOD, 2026-11-30, 2026-12-01",
        "WHOLE_BLOOD, 2026-06-01, WHOLE_BLOOD, 2026-12-01, 2026-12-01",
        "WHOLE_BLOOD, 2026-06-01, PLATELETS_APHERESIS, 2026-08-31, 2026-09-01",
        "WHOLE_BLOOD, 2026-06-01, PLATELETS_APHERESIS, 2026-09-01, 2026-09-01",
        "PLATELETS_APHERESIS, 2026-06-01, WHOLE_BLOOD, 2026-06-28, 2026-06-29",
        "PLATELETS_APHERESIS, 2026-06-01, WHOLE_BLOOD, 2026-06-29, 2026-06-29",
        "PLATELETS_APHERESIS, 2026-06-01, PLATELETS_APHERESIS, 2026-06-14, 2026-06-15",
        "PLATELETS_APHERESIS, 2026-06-01, PLATELETS_APHERESIS, 2026-06-15, 2026-06-15",
        // calendar months clamp at month ends: Aug 31 + 6 months = Feb 28, Nov 30 + 3 months = Feb 28 / Feb 29
        "WHOLE_BLOOD, 2026-08-31, WHOLE_BLOOD, 2027-02-27, 2027-02-28",
        "WHOLE_BLOOD, 2026-08-31, WHOLE_BLOOD, 2027-02-28, 2027-02-28",
        "WHOLE_BLOOD, 2025-11-30, PLATELETS_APHERESIS, 2026-02-27, 2026-02-28",
        "WHOLE_BLOOD, 2027-11-30, PLATELETS_APHERESIS, 2028-02-28, 2028-02-29",
        "WHOLE_BLOOD, 2027-11-30, PLATELETS_APHERESIS, 2028-02-29, 2028-02-29",
    })
    void interval(DonationType last, String lastDate, DonationType next, LocalDate date, LocalDate allowed) {
        EligibilityResult result = Eligibility.evaluate(CN, donor().donated(lastDate, last).history(), next, date);
        assertClearsOn(result, date, allowed, ReasonCode.INTERVAL);
    }

    @Test
    void intervalMessageNamesBothDonationsAndTheDate() {
        EligibilityResult result = donor().donated("2026-06-01", WHOLE_BLOOD).check(CN, PLATELETS_APHERESIS, "2026-07-01");
        assertEquals("last whole blood donation 2026-06-01; next platelet apheresis allowed from 2026-09-01",
                result.reasons().get(0).message());
    }

    @Test
    void donationsAfterTheQueryDateAreNotHistory() {
        assertAnswer(donor().donated("2026-06-02", WHOLE_BLOOD).check(CN, WHOLE_BLOOD, "2026-06-01"),
                LocalDate.parse("2026-06-01"));
    }

    /** 24 platelet donations every 14 days, the first on 2025-12-01, the last on 2026-10-19. */
    private static Donors plateletRegular(int count) {
        Donors donor = donor();
        for (int i = 0; i < count; i++) {
            donor.donated(LocalDate.parse("2025-12-01").plusDays(14L * i).toString(), PLATELETS_APHERESIS);
        }
        return donor;
    }

    @ParameterizedTest(name = "{0} donations, on {1} -> next {2}")
    @CsvSource({
        // the 2025-12-01 donation still counts on 2026-11-30 and no longer on 2026-12-01 (exactly 12 months)
        "24, 2026-11-30, 2026-12-01",
        "24, 2026-12-01, 2026-12-01",
        "23, 2026-11-30, 2026-11-30",
    })
    void annualLimitOf24PlateletDonations(int count, LocalDate date, LocalDate next) {
        EligibilityResult result = Eligibility.evaluate(CN, plateletRegular(count).history(), PLATELETS_APHERESIS, date);
        assertClearsOn(result, date, next, ReasonCode.ANNUAL_LIMIT);
        if (!result.eligible()) {
            assertEquals("24 platelet apheresis donations from 2025-12-01 to 2026-11-30, at most 24 in any 12 months;"
                    + " next allowed from 2026-12-01", result.reasons().get(0).message());
        }
    }

    @Test
    void theAnnualLimitCountsPlateletsOnlyAndDoesNotBlockWholeBlood() {
        assertAnswer(plateletRegular(24).check(CN, WHOLE_BLOOD, "2026-11-30"), LocalDate.parse("2026-11-30"));
    }

    @ParameterizedTest(name = "{0} on {1} -> next {2}")
    @CsvSource({
        // not yet active: a deferral dated in the future
        "WHOLE_BLOOD, 2026-10-31, 2026-10-31",
        "WHOLE_BLOOD, 2026-11-01, 2027-05-01",
        "PLATELETS_APHERESIS, 2027-04-30, 2027-05-01",
        // the donor may donate again on until
        "PLATELETS_APHERESIS, 2027-05-01, 2027-05-01",
    })
    void temporaryDeferralCoversFromUpToUntil(DonationType type, LocalDate date, LocalDate next) {
        Donors donor = donor().deferred(Deferral.temporary(
                LocalDate.parse("2026-11-01"), LocalDate.parse("2027-05-01"), "surgery"));
        EligibilityResult result = Eligibility.evaluate(CN, donor.history(), type, date);
        assertClearsOn(result, date, next, ReasonCode.DEFERRED_TEMPORARY);
        if (!result.eligible()) {
            assertEquals("deferred from 2026-11-01 until 2027-05-01 (may donate again that day): surgery",
                    result.reasons().get(0).message());
        }
    }

    @ParameterizedTest(name = "{0} on {1} -> eligible {2}")
    @CsvSource({
        "WHOLE_BLOOD, 2026-10-31, true",
        "WHOLE_BLOOD, 2026-11-01, false",
        "PLATELETS_APHERESIS, 2040-01-01, false",
    })
    void permanentDeferralHasNoEnd(DonationType type, LocalDate date, boolean eligible) {
        Donors donor = donor().deferred(Deferral.permanent(LocalDate.parse("2026-11-01"), "travel history"));
        EligibilityResult result = Eligibility.evaluate(CN, donor.history(), type, date);
        if (eligible) {
            assertAnswer(result, date);
        } else {
            assertAnswer(result, null, ReasonCode.DEFERRED_PERMANENT);
            assertEquals("permanently deferred from 2026-11-01: travel history", result.reasons().get(0).message());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Marker.class, names = {"HIV", "HBV", "HCV", "SYPHILIS"})
    void reactiveInfectionMarkersDeferPermanentlyFromTheTestDate(Marker marker) {
        Donors donor = donor().tested("2026-06-02", marker, TestOutcome.REACTIVE);
        assertAnswer(donor.check(CN, WHOLE_BLOOD, "2026-06-01"), LocalDate.parse("2026-06-01"));
        EligibilityResult result = donor.check(CN, PLATELETS_APHERESIS, "2026-06-02");
        assertAnswer(result, null, ReasonCode.DEFERRED_PERMANENT);
        assertEquals("permanently deferred from 2026-06-02: reactive " + marker + " test on 2026-06-02",
                result.reasons().get(0).message());
    }

    @ParameterizedTest
    @EnumSource(Marker.class)
    void nonReactiveResultsDeferNothing(Marker marker) {
        assertAnswer(donor().tested("2026-06-02", marker, TestOutcome.NON_REACTIVE).check(CN, WHOLE_BLOOD, "2026-06-03"),
                LocalDate.parse("2026-06-03"));
    }

    @ParameterizedTest(name = "on {0} -> next {1}")
    @CsvSource({"2026-06-02, 2026-11-29", "2026-11-28, 2026-11-29", "2026-11-29, 2026-11-29"})
    void raisedAltDefers180Days(LocalDate date, LocalDate next) {
        Donors donor = donor().tested("2026-06-02", Marker.ALT, TestOutcome.REACTIVE);
        EligibilityResult result = Eligibility.evaluate(CN, donor.history(), WHOLE_BLOOD, date);
        assertClearsOn(result, date, next, ReasonCode.DEFERRED_TEMPORARY);
    }

    @Test
    void derivedDeferralsCanBeListedForTheDonorView() {
        var deferrals = CN.deferralsFromTests(donor()
                .tested("2026-06-02", Marker.ALT, TestOutcome.REACTIVE)
                .tested("2026-06-03", Marker.HIV, TestOutcome.NON_REACTIVE)
                .tested("2026-06-04", Marker.SYPHILIS, TestOutcome.REACTIVE)
                .history().testResults());
        assertEquals(2, deferrals.size());
        assertEquals(Deferral.temporary(LocalDate.parse("2026-06-02"), LocalDate.parse("2026-11-29"),
                "reactive ALT test on 2026-06-02"), deferrals.get(0));
        assertEquals(Deferral.permanent(LocalDate.parse("2026-06-04"), "reactive SYPHILIS test on 2026-06-04"),
                deferrals.get(1));
        assertTrue(CN.deferralsFromTests(List.of()).isEmpty());
    }
}
