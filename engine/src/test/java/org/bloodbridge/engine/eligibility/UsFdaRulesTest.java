package org.bloodbridge.engine.eligibility;

import static org.bloodbridge.engine.eligibility.DonationType.PLATELETS_APHERESIS;
import static org.bloodbridge.engine.eligibility.DonationType.WHOLE_BLOOD;
import static org.bloodbridge.engine.eligibility.Donors.US;
import static org.bloodbridge.engine.eligibility.Donors.assertAnswer;
import static org.bloodbridge.engine.eligibility.Donors.assertClearsOn;
import static org.bloodbridge.engine.eligibility.Donors.donor;

import java.time.LocalDate;
import java.util.Arrays;
import org.bloodbridge.engine.identity.Sex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The example US-FDA rule set shipped in reference.conf. */
class UsFdaRulesTest {

    @ParameterizedTest(name = "platelets {0} and {1}, on {2} -> next {3}")
    @CsvSource({
        // at most 2 in 7 days and 2 days apart: the week clears after the interval
        "2026-03-02, 2026-03-04, 2026-03-05, 2026-03-09, INTERVAL FREQUENCY_LIMIT",
        "2026-03-02, 2026-03-04, 2026-03-08, 2026-03-09, FREQUENCY_LIMIT",
        "2026-03-02, 2026-03-04, 2026-03-09, 2026-03-09, ''",
        "2026-03-02, 2026-03-06, 2026-03-07, 2026-03-09, INTERVAL FREQUENCY_LIMIT",
    })
    void fdaAllowsTwoPlateletDonationsIn7Days(String first, String second, LocalDate date, LocalDate next, String codes) {
        Donors donor = donor().donated(first, PLATELETS_APHERESIS).donated(second, PLATELETS_APHERESIS);
        ReasonCode[] expected = codes.isEmpty()
                ? new ReasonCode[0]
                : Arrays.stream(codes.split(" ")).map(ReasonCode::valueOf).toArray(ReasonCode[]::new);
        assertAnswer(Eligibility.evaluate(US, donor.history(), PLATELETS_APHERESIS, date), next, expected);
    }

    @ParameterizedTest(name = "last {0} {1}, next {2} on {3} -> allowed from {4}")
    @CsvSource({
        "WHOLE_BLOOD, 2026-06-01, WHOLE_BLOOD, 2026-07-26, 2026-07-27",
        "WHOLE_BLOOD, 2026-06-01, WHOLE_BLOOD, 2026-07-27, 2026-07-27",
        "WHOLE_BLOOD, 2026-06-01, PLATELETS_APHERESIS, 2026-07-26, 2026-07-27",
        "PLATELETS_APHERESIS, 2026-06-01, WHOLE_BLOOD, 2026-06-02, 2026-06-03",
        "PLATELETS_APHERESIS, 2026-06-01, WHOLE_BLOOD, 2026-06-03, 2026-06-03",
    })
    void wholeBloodEvery56Days(DonationType last, String lastDate, DonationType next, LocalDate date, LocalDate allowed) {
        EligibilityResult result = Eligibility.evaluate(US, donor().donated(lastDate, last).history(), next, date);
        assertClearsOn(result, date, allowed, ReasonCode.INTERVAL);
    }

    @ParameterizedTest(name = "born {0}, {1} {2} kg, on {3} -> next {4}")
    @CsvSource({
        "2009-05-02, M, 50, 2026-05-01, 2026-05-02, AGE",
        "2009-05-02, M, 50, 2026-05-02, 2026-05-02, ''",
        "1936-01-01, F, 50, 2026-05-02, 2026-05-02, ''",
        "1990-01-01, F, 49, 2026-05-02, , WEIGHT",
    })
    void ageFrom17WithoutUpperLimitAndWeight50ForBoth(
            String born, Sex sex, int weightKg, LocalDate date, LocalDate next, String code) {
        DonorHistory history = donor().born(born).sex(sex).weighing(weightKg).history();
        ReasonCode[] expected = code.isEmpty() ? new ReasonCode[0] : new ReasonCode[] {ReasonCode.valueOf(code)};
        assertAnswer(Eligibility.evaluate(US, history, WHOLE_BLOOD, date), next, expected);
    }

    @ParameterizedTest
    @EnumSource(Marker.class)
    void reactiveMarkersDeferPermanentlyExceptAltWhichIsNotRequired(Marker marker) {
        EligibilityResult result = donor().tested("2026-06-02", marker, TestOutcome.REACTIVE).check(US, WHOLE_BLOOD, "2026-06-03");
        if (marker == Marker.ALT) {
            assertAnswer(result, LocalDate.parse("2026-06-03"));
        } else {
            assertAnswer(result, null, ReasonCode.DEFERRED_PERMANENT);
        }
    }
}
