package org.bloodbridge.engine.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.matching.Response;
import org.junit.jupiter.api.Test;

/** The corrected count increment, Mosteller BSA and refractoriness of domain-rules.md section 7. */
class CciTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void mostellerBsaIsTheRootOfHeightTimesWeightOver3600() {
        assertEquals(1.8, Cci.mosteller(180, 64.8), 1e-9); // 180 x 64.8 / 3600 = 3.24
        assertEquals(1.7049, Cci.mosteller(170, 61.56), 1e-4);
        assertEquals(2.0, Cci.mosteller(160, 90), 1e-9);
    }

    @Test
    void cciIsTheIncrementTimesBsaOverTheDoseInThousands() {
        // (40 - 10) x 1.8 / 3.0 = 18 -> 18,000
        assertEquals(18_000, Cci.of(10, 40, 1.8, 3.0));
        // (22 - 15) x 1.7 / 3.4 = 3.5 -> 3,500: poor
        assertEquals(3_500, Cci.of(15, 22, 1.7, 3.4));
        // with Mosteller: BSA sqrt(160 x 90 / 3600) = 2.0; (35 - 5) x 2.0 / 4.0 = 15 -> 15,000
        assertEquals(15_000, Cci.of(5, 35, Cci.mosteller(160, 90), 4.0));
        // rounded to a whole number: (12.3 - 10) x 1.73 / 2.9 = 1.37206.. -> 1,372
        assertEquals(1_372, Cci.of(10, 12.3, 1.73, 2.9));
        assertEquals(-1_000, Cci.of(20, 18, 1.5, 3.0), "a fall in count gives a negative CCI");
    }

    @Test
    void oneHourMeansTenMinutesToTwoHours() {
        assertFalse(Cci.oneHour(0.15));
        assertTrue(Cci.oneHour(10.0 / 60));
        assertTrue(Cci.oneHour(1));
        assertTrue(Cci.oneHour(2));
        assertFalse(Cci.oneHour(2.01));
        assertFalse(Cci.oneHour(20));
    }

    static TransfusionOutcome outcome(String donorId, int hoursAfterT0, int cci, double postHours, String abo,
            Integer unitAgeDays) {
        return new TransfusionOutcome("r-" + donorId, donorId, T0.plusSeconds(hoursAfterT0 * 3600L), 10, 20, postHours,
                3.0, 1.8, null, null, unitAgeDays, cci, "A", abo, TransfusionOutcome.aboCompatible(abo),
                TransfusionOutcome.fresh(unitAgeDays));
    }

    @Test
    void twoPoorOneHourIncrementsWithAboCompatibleFreshUnitsMakeThePatientRefractory() {
        var one = new PatientOutcomes(List.of(outcome("d1", 0, 3_000, 1, "IDENTICAL", null)));
        assertFalse(one.refractory(), "one occasion is not enough");
        var two = one.plus(List.of(outcome("d2", 48, 4_999, 1, "MINOR", 2)));
        assertTrue(two.refractory());
        assertEquals(Map.of("d1", Response.POOR, "d2", Response.POOR), two.responses());
    }

    @Test
    void poorIncrementsThatAreNotOneHourNotAboCompatibleOrNotFreshDoNotCount() {
        var patient = new PatientOutcomes(List.of(
                outcome("d1", 0, 3_000, 1, "IDENTICAL", null),
                outcome("d2", 24, 3_000, 18, "IDENTICAL", null),   // an 18 h count
                outcome("d3", 48, 3_000, 1, "MAJOR", null),        // ABO-incompatible cells
                outcome("d4", 72, 3_000, 1, "BIDIRECTIONAL", 1),
                outcome("d5", 96, 3_000, 1, "IDENTICAL", 5),       // a 5-day-old unit
                outcome("d6", 120, 5_000, 1, "IDENTICAL", null))); // 5,000 is not below 5,000
        assertFalse(patient.refractory());
        assertEquals(Response.GOOD, patient.responses().get("d6"));
        assertEquals(Response.POOR, patient.responses().get("d3"), "a poor responder whatever the reason");
    }

    @Test
    void oneIncrementBelowTheThresholdMakesTheDonorAPoorResponderAndTheLatestOutcomeIsShown() {
        var patient = new PatientOutcomes(List.of(outcome("d1", 48, 12_000, 1, "IDENTICAL", null),
                outcome("d1", 0, 2_000, 1, "IDENTICAL", null)));
        assertEquals(Response.POOR, patient.responses().get("d1"));
        assertEquals(12_000, patient.latest("d1").orElseThrow().cci());
        assertEquals(2, patient.plus(List.of(outcome("d1", 0, 2_000, 1, "IDENTICAL", null))).outcomes().size(),
                "the same transfusion is kept once");
    }

    @Test
    void figuresGiveTheMedianOneHourCciByGradeAndTheRefractoryPatients() {
        var refractory = new PatientOutcomes(List.of(outcome("d1", 0, 3_000, 1, "IDENTICAL", null),
                outcome("d2", 24, 4_000, 1, "IDENTICAL", null)));
        var responding = new PatientOutcomes(List.of(outcome("d3", 0, 15_000, 1, "IDENTICAL", null),
                outcome("d4", 24, 9_000, 20, "IDENTICAL", null)));
        var figures = OutcomeFigures.of(List.of(refractory, responding));
        assertEquals(4, figures.outcomesRecorded());
        assertEquals(1, figures.refractoryPatients());
        assertEquals(Map.of("A", 4_000), figures.medianOneHourCciByGrade(), "3,000, 4,000, 15,000 at 1 h; the 20 h one is left out");
    }
}
