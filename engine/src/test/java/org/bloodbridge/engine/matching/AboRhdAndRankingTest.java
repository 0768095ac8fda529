package org.bloodbridge.engine.matching;

import static org.bloodbridge.engine.matching.Donors.REF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.CrossReactiveGroups;
import org.bloodbridge.engine.typing.RhD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AboRhdAndRankingTest {

    @ParameterizedTest(name = "donor {0} -> patient {1}: {2}")
    @CsvSource({
            "O, O, IDENTICAL", "AB, AB, IDENTICAL",
            "O, A, MINOR", "O, B, MINOR", "O, AB, MINOR", "A, AB, MINOR", "B, AB, MINOR",
            "A, O, MAJOR", "B, O, MAJOR", "AB, O, MAJOR", "AB, A, MAJOR", "AB, B, MAJOR",
            "A, B, BIDIRECTIONAL", "B, A, BIDIRECTIONAL"})
    void aboClasses(Abo donor, Abo patient, AboClass expected) {
        assertEquals(expected, AboClass.of(donor, patient));
        PlateletRequest request = PlateletRequest.compile(REF, CrossReactiveGroups.imgtFamilies(REF.antigens()),
                new PlateletPatient(Donors.hla("A2 B46"), List.of(), List.of(), patient, RhD.POS, Sex.M));
        assertEquals(expected, Evaluation.aboClass(request.evaluate(Donors.profile("A2 B46", Map.of(), donor, RhD.POS))));
    }

    @Test
    void untypedAboRanksLast() {
        assertEquals(AboClass.UNKNOWN, AboClass.of(null, Abo.A));
    }

    @Test
    void rhdWarningForRhdPositivePlateletsToAnRhdNegativeWoman() {
        assertTrue(rhdWarning(Sex.F, RhD.NEG, RhD.POS));
        assertTrue(rhdWarning(Sex.F, RhD.NEG, null));
        assertFalse(rhdWarning(Sex.F, RhD.NEG, RhD.NEG));
        assertFalse(rhdWarning(Sex.M, RhD.NEG, RhD.POS));
        assertFalse(rhdWarning(Sex.F, RhD.POS, RhD.POS));
    }

    private static boolean rhdWarning(Sex sex, RhD patient, RhD donor) {
        PlateletRequest request = PlateletRequest.compile(REF, CrossReactiveGroups.imgtFamilies(REF.antigens()),
                new PlateletPatient(Donors.hla("A2 B46"), List.of(), List.of(), Abo.O, patient, sex));
        return Evaluation.rhdWarning(request.evaluate(Donors.profile("A2 B46", Map.of(), Abo.O, donor)));
    }

    private static int packed(int m, int x, int u, AboClass abo, boolean rhd) {
        return (m << Evaluation.M_SHIFT) | (x << Evaluation.X_SHIFT) | (u << Evaluation.U_SHIFT)
                | (abo.ordinal() << Evaluation.ABO_SHIFT) | (rhd ? Evaluation.RHD_WARNING : 0);
    }

    @Test
    void rankingOrderOnAShuffledList() {
        LocalDate day = LocalDate.of(2026, 11, 25);
        List<PlateletCandidate> expected = List.of(
                new PlateletCandidate("d01", "CQ", day, packed(0, 0, 0, AboClass.IDENTICAL, false)),
                new PlateletCandidate("d02", "CQ", day, packed(0, 0, 0, AboClass.MINOR, false)),
                new PlateletCandidate("d03", "CQ", day, packed(0, 0, 0, AboClass.MINOR, true)),
                new PlateletCandidate("d04", "CQ", day, packed(0, 0, 0, AboClass.MAJOR, false)),
                new PlateletCandidate("d05", "CQ", day, packed(0, 0, 0, AboClass.BIDIRECTIONAL, false)),
                new PlateletCandidate("d06", "CQ", day, packed(0, 0, 1, AboClass.IDENTICAL, false)),
                new PlateletCandidate("d07", "CQ", day, packed(0, 0, 2, AboClass.IDENTICAL, false)),
                new PlateletCandidate("d08", "CQ", day, packed(0, 1, 0, AboClass.IDENTICAL, false)),
                // the requesting centre's donor first, then the earliest eligible, then donorId
                new PlateletCandidate("d12", "CD", day.plusDays(3), packed(0, 1, 2, AboClass.IDENTICAL, false)),
                new PlateletCandidate("d10", "CQ", day, packed(0, 1, 2, AboClass.IDENTICAL, false)),
                new PlateletCandidate("d11", "CQ", day, packed(0, 1, 2, AboClass.IDENTICAL, false)),
                new PlateletCandidate("d09", "CQ", day.plusDays(1), packed(0, 1, 2, AboClass.IDENTICAL, false)),
                new PlateletCandidate("d13", "CQ", day, packed(0, 2, 1, AboClass.IDENTICAL, false)),
                new PlateletCandidate("d14", "CQ", day, packed(1, 0, 0, AboClass.IDENTICAL, false)),
                new PlateletCandidate("d15", "CQ", day, packed(2, 0, 0, AboClass.IDENTICAL, false)));
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<PlateletCandidate> shuffled = new ArrayList<>(expected);
            shuffled.add(new PlateletCandidate("x", "CD", day, Evaluation.EXCLUDED));
            Collections.shuffle(shuffled, random);
            assertEquals(expected, PlateletCandidate.rank(shuffled, "CD"));
        }
        assertEquals("B3UX", expected.get(8).grade().label());
    }

    @Test
    void patientMemoryRanksGoodRespondersFirstAndPoorRespondersLastWithinTheirGrade() {
        LocalDate day = LocalDate.of(2026, 11, 25);
        List<PlateletCandidate> expected = List.of(
                // grade A: the good responder first although MAJOR and from another centre
                new PlateletCandidate("a-good", "CQ", day, packed(0, 0, 0, AboClass.MAJOR, false)),
                new PlateletCandidate("a-1", "CD", day, packed(0, 0, 0, AboClass.IDENTICAL, false)),
                new PlateletCandidate("a-2", "CQ", day, packed(0, 0, 0, AboClass.MINOR, false)),
                // the poor responder last of grade A, though IDENTICAL from the requesting centre
                new PlateletCandidate("a-poor", "CD", day, packed(0, 0, 0, AboClass.IDENTICAL, false)),
                // never above a better grade: memory orders within a grade only
                new PlateletCandidate("b-good", "CQ", day, packed(0, 0, 1, AboClass.IDENTICAL, false)),
                new PlateletCandidate("b-1", "CQ", day, packed(0, 0, 1, AboClass.IDENTICAL, false)),
                new PlateletCandidate("c-poor", "CQ", day, packed(1, 0, 0, AboClass.IDENTICAL, false)),
                new PlateletCandidate("d-1", "CQ", day, packed(2, 0, 0, AboClass.IDENTICAL, false)));
        Map<String, Response> memory = Map.of("a-good", Response.GOOD, "a-poor", Response.POOR,
                "b-good", Response.GOOD, "c-poor", Response.POOR);
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<PlateletCandidate> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, random);
            assertEquals(expected, PlateletCandidate.rank(shuffled, "CD", memory));
        }
        assertEquals(List.of("a-1", "a-poor", "a-2", "a-good"),
                PlateletCandidate.rank(expected.subList(0, 4), "CD", Map.of()).stream().map(PlateletCandidate::donorId).toList(),
                "without memory the usual order holds");
    }
}
