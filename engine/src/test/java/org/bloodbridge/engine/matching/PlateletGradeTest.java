package org.bloodbridge.engine.matching;

import static org.bloodbridge.engine.matching.Donors.REF;
import static org.bloodbridge.engine.matching.Donors.profile;
import static org.bloodbridge.engine.matching.Donors.typing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.CrossReactiveGroups;
import org.bloodbridge.engine.typing.RhD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each grade from a hand-worked example against a patient typed A2 A24 B46 B60 (no antibodies). */
class PlateletGradeTest {
    static final PlateletPatient PATIENT = new PlateletPatient(Donors.hla("A2 A24 B46 B60"), List.of(), List.of(),
            Abo.O, RhD.POS, Sex.M);
    static final PlateletRequest REQUEST = PlateletRequest.compile(REF, CrossReactiveGroups.imgtFamilies(REF.antigens()), PATIENT);

    @ParameterizedTest(name = "{0} -> {1} (m={2} x={3} u={4})")
    @CsvSource(delimiter = '|', value = {
            // every slot the patient's own antigen
            "A2 A24 B46 B60    | A    | 0 | 0 | 0",
            // A9 is the broad of the patient's A24 and B40 the broad of B60: identical
            "A2 A9 B46 B40     | A    | 0 | 0 | 0",
            // homozygous A2: its second slot is not detected
            "A2 A2 B46 B60     | B1U  | 0 | 0 | 1",
            "A2 B46            | B2U  | 0 | 0 | 2",
            // A23 is A24's sibling split under A9: cross-reactive
            "A2 A23 B46 B60    | B1X  | 0 | 1 | 0",
            "A2 A23 B46        | B2UX | 0 | 1 | 1",
            // A203 is associated with the patient's A2: cross-reactive
            "A203 A23 B46 B60  | B2X  | 0 | 2 | 0",
            "A23 B46           | B3UX | 0 | 1 | 2",
            "A203 A23 B46      | B3UX | 0 | 2 | 1",
            // B61 is B60's sibling split under B40
            "A203 A23 B61 B46  | B3X  | 0 | 3 | 0",
            "A2 A24 B46 B7     | C    | 1 | 0 | 0",
            "A2 A23 B7         | C    | 1 | 1 | 1",
            "A1 A3 B46 B60     | D    | 2 | 0 | 0",
            // B*83:01 has no serological equivalent: a typed slot that counts as mismatched
            "A2 A24 B*83:01 B46| C    | 1 | 0 | 0",
            // B*40 is ambiguous (B60, B61, B4005, ...): the worst relation among them, mismatched (B4005)
            "A2 A24 B*40 B46   | C    | 1 | 0 | 0"})
    void gradesByHandWorkedExample(String donor, String label, int m, int x, int u) {
        int evaluation = REQUEST.evaluate(profile(donor));
        assertEquals(new HlaGrade(m, x, u), Evaluation.grade(evaluation));
        assertEquals(label, Evaluation.grade(evaluation).label());
        assertEquals(label, REQUEST.explain(typing(donor), profile(donor)).grade());
        DonorMatchPool pool = new DonorMatchPool();
        pool.add(profile("A1 B7"));
        pool.set(pool.add(profile("A1 B7")), profile(donor));
        assertEquals(evaluation, pool.evaluate(REQUEST, 1));
    }

    @Test
    void b4xThroughAnOperatorCregGroup(@TempDir Path dir) throws IOException {
        Path creg = Files.writeString(dir.resolve("creg.txt"), "# test group\nBw6-ish: B46, B13\n");
        PlateletRequest request = PlateletRequest.compile(REF, CrossReactiveGroups.withCregFile(REF.antigens(), creg), PATIENT);
        assertEquals("B4X", Evaluation.grade(request.evaluate(profile("A203 A23 B61 B13"))).label());
        // without the CREG file B13 is a plain mismatch
        assertEquals("C", Evaluation.grade(REQUEST.evaluate(profile("A203 A23 B61 B13"))).label());
    }

    @Test
    void b4xWithImgtFamiliesOnly() {
        PlateletRequest request = PlateletRequest.compile(REF, CrossReactiveGroups.imgtFamilies(REF.antigens()),
                new PlateletPatient(Donors.hla("A2 A24 B51 B60"), List.of(), List.of(), Abo.O, RhD.POS, Sex.M));
        assertEquals(new HlaGrade(0, 4, 0), Evaluation.grade(request.evaluate(profile("A203 A23 B52 B61"))));
    }

    @Test
    void labelsFollowTheRule() {
        assertEquals("B4X", new HlaGrade(0, 4, 0).label());
        assertEquals("B3UX", new HlaGrade(0, 1, 2).label());
        assertEquals("B3UX", new HlaGrade(0, 2, 1).label());
        assertEquals(-1, new HlaGrade(0, 1, 2).compareTo(new HlaGrade(0, 2, 1)));
    }

    /** What a standing request compares candidates by, who keep only the label. */
    @Test
    void everyLabelNamesItsFirstGradeInRankingOrder() {
        for (int m = 0; m <= 4; m++) {
            for (int x = 0; x + m <= 4; x++) {
                for (int u = 0; u + x + m <= 4; u++) {
                    HlaGrade grade = new HlaGrade(m, x, u);
                    HlaGrade first = HlaGrade.firstLabelled(grade.label());
                    assertEquals(grade.label(), first.label(), grade.toString());
                    assertTrue(first.compareTo(grade) <= 0, grade + " comes no earlier than " + first);
                }
            }
        }
        assertEquals(new HlaGrade(0, 1, 2), HlaGrade.firstLabelled("B3UX"));
        assertEquals(new HlaGrade(0, 0, 1), HlaGrade.firstLabelled("B1U"));
        for (String wrong : List.of("B", "B1", "B5U", "E", "BUX")) {
            assertThrows(IllegalArgumentException.class, () -> HlaGrade.firstLabelled(wrong), wrong);
        }
    }

    @Test
    void explainsTheAntigensByRelation() {
        PlateletMatch match = REQUEST.explain(typing("A2 A23 B46 B7"), profile("A2 A23 B46 B7"));
        assertEquals(List.of("A2", "B46"), match.identical());
        assertEquals(List.of("A23"), match.crossReactive());
        assertEquals(List.of("B7"), match.mismatched());
        assertEquals(AboClass.IDENTICAL, match.abo());
        assertEquals(List.of("B?"), REQUEST.explain(typing("A2 B*83:01"), profile("A2 B*83:01")).mismatched());
    }
}
