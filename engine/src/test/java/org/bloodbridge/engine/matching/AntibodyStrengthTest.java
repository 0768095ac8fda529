package org.bloodbridge.engine.matching;

import static org.bloodbridge.engine.matching.Donors.REF;
import static org.bloodbridge.engine.matching.Donors.profile;
import static org.bloodbridge.engine.matching.Donors.typing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.CrossReactiveGroups;
import org.bloodbridge.engine.typing.RhD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HLA antibodies with an MFI (domain-rules.md section 7): exclusion cut-off, dsaMfi, warning and ranking. */
class AntibodyStrengthTest {

    /**
     * A request for the A2 A24 B46 B60 patient of {@link PlateletExclusionTest}; antibodies written
     * {@code "B5:1500 B7"} (an MFI after the colon, a plain name without).
     */
    static PlateletRequest request(String antibodies, AntibodyCutoffs cutoffs) {
        List<String> names = new ArrayList<>();
        List<Integer> mfi = new ArrayList<>();
        for (String antibody : antibodies.split(" ")) {
            if (!antibody.isEmpty()) {
                String[] parts = antibody.split(":");
                names.add(parts[0]);
                mfi.add(parts.length > 1 ? Integer.valueOf(parts[1]) : null);
            }
        }
        return PlateletRequest.compile(REF, CrossReactiveGroups.imgtFamilies(REF.antigens()),
                new PlateletPatient(Donors.hla("A2 A24 B46 B60"), names, mfi, List.of(), Abo.O, RhD.POS, Sex.M), cutoffs);
    }

    static PlateletRequest request(String antibodies) {
        return request(antibodies, AntibodyCutoffs.DEFAULT);
    }

    @ParameterizedTest(name = "{0} vs {1}: dsaMfi={2} {3}")
    @CsvSource(delimiter = '|', value = {
            // a broad antibody below the cut-off counts on a donor carrying one of its splits ...
            "B5:1500              | A2 B51          | 1500 | B5",
            "B5:1500              | A2 B5102        | 1500 | B5",     // ... and their associated antigens
            "B5:1500              | A2 B51 B52      | 1500 | B5",     // once, though both B slots carry it
            "B5:1500              | A2 B8           | 0    | ''",
            "A24:900              | A9 B46          | 900  | A24",    // typed only at the broad of the antibody's split
            // a Bw4 antibody with an MFI counts on every Bw4 carrier (A24 carries Bw4), not on a Bw6 one
            "Bw4:1200             | A24 B7          | 1200 | Bw4",
            "Bw4:1200             | A2 B27          | 1200 | Bw4",
            "Bw4:1200             | A2 B2708        | 0    | ''",
            "Bw4:1200             | A2 B12          | 1200 | Bw4",    // a broad not listed carries both epitopes
            // two antibodies (and a third, on the epitope) on one donor add up
            "B7:1500 A1:1800      | A1 B7           | 3300 | B7 A1",
            "B7:1500 A1:1800 Bw6:900 | A1 B7        | 4200 | B7 A1 Bw6",
            "B7:1500 A1:1800      | A1 B8           | 1800 | A1",
            "B62:700              | A2 B*15         | 700  | B62",    // an ambiguous typing is hit if any of its antigens is
            "B7:700               | A2 B*83:01      | 0    | ''",     // no serological equivalent: never hit
            "Cw1:600              | A2 B46 C*01:02  | 600  | Cw1",
            "B7:0                 | A2 B7           | 0    | B7"})
    void dsaMfiSumsTheBelowCutOffAntibodiesTheDonorCarries(String antibodies, String donor, int dsaMfi, String hitBy) {
        PlateletRequest request = request(antibodies);
        assertFalse(Evaluation.excluded(request.evaluate(profile(donor))));
        assertEquals(dsaMfi, request.dsaMfi(profile(donor)));
        PlateletMatch match = request.explain(typing(donor), profile(donor));
        assertEquals(dsaMfi, match.dsaMfi());
        assertEquals(hitBy.isEmpty() ? List.of() : List.of(hitBy.split(" ")), match.dsaAntibodies());
        assertFalse(match.dsaWarning());
    }

    @Test
    void atOrAboveTheCutOffAnAntibodyExcludesAsByName() {
        assertTrue(Evaluation.excluded(request("B5:2000").evaluate(profile("A2 B51"))));
        assertTrue(Evaluation.excluded(request("B5:6400").evaluate(profile("A2 B51"))));
        assertTrue(Evaluation.excluded(request("B5").evaluate(profile("A2 B51"))));
        assertFalse(Evaluation.excluded(request("B5:1999").evaluate(profile("A2 B51"))));
        // the cut-off is configuration
        assertTrue(Evaluation.excluded(request("B5:1500", new AntibodyCutoffs(1000, 10_000)).evaluate(profile("A2 B51"))));
        assertFalse(Evaluation.excluded(request("B5:6400", new AntibodyCutoffs(8000, 10_000)).evaluate(profile("A2 B51"))));
        // a strong antibody excludes; a weak one next to it only counts
        PlateletRequest mixed = request("B7:6400 A1:1800");
        assertTrue(Evaluation.excluded(mixed.evaluate(profile("A1 B7"))));
        assertEquals(1800, mixed.dsaMfi(profile("A1 B8")));
        PlateletMatch excluded = mixed.explain(typing("A1 B7"), profile("A1 B7"));
        assertEquals(List.of("HLA antibody anti-B7 hits donor antigen B7"), excluded.exclusionReasons());
        assertEquals(0, excluded.dsaMfi());
    }

    @Test
    void belowTheCutOffTheGradeAndFlagsAreThoseWithoutTheAntibody() {
        for (String donor : List.of("A2 B7", "A1 B51 B52", "A24 B27", "A2 B46 C*01:02", "A2 B46")) {
            assertEquals(request("").evaluate(profile(donor)),
                    request("B7:1999 B5:100 Bw4:1500 Cw1:300").evaluate(profile(donor)), donor);
        }
    }

    @Test
    void dsaWarningFromTheWarningSum() {
        AntibodyCutoffs cutoffs = new AntibodyCutoffs(2000, 3300);
        PlateletRequest request = request("B7:1500 A1:1800", cutoffs);
        assertTrue(request.explain(typing("A1 B7"), profile("A1 B7")).dsaWarning()); // 3300 >= 3300
        assertFalse(request.explain(typing("A1 B8"), profile("A1 B8")).dsaWarning()); // 1800
        assertTrue(request.dsaWarning(3300));
        assertFalse(request.dsaWarning(3299));
        assertFalse(request("B7:1500 A1:1800").dsaWarning(3300)); // default warning sum 10,000
        assertTrue(request("").dsaWarning(10_000));
    }

    @Test
    void rankingPutsDsaMfiRightAfterTheGrade() {
        LocalDate day = LocalDate.of(2026, 11, 25);
        List<PlateletCandidate> expected = List.of(
                new PlateletCandidate("d1", "CQ", day, packed(0, 0, 0, AboClass.MAJOR, true), 0),
                // a lower dsaMfi beats a better ABO class, RhD flag, centre and eligible date
                new PlateletCandidate("d2", "CQ", day.plusDays(5), packed(0, 0, 0, AboClass.BIDIRECTIONAL, true), 800),
                new PlateletCandidate("d3", "CD", day, packed(0, 0, 0, AboClass.IDENTICAL, false), 1500),
                new PlateletCandidate("d4", "CD", day, packed(0, 0, 0, AboClass.MINOR, false), 1500),
                // but never a better grade: (m, x, u) first
                new PlateletCandidate("d5", "CD", day, packed(0, 0, 1, AboClass.IDENTICAL, false), 0),
                new PlateletCandidate("d6", "CD", day, packed(0, 1, 0, AboClass.IDENTICAL, false), 0),
                new PlateletCandidate("d7", "CD", day, packed(0, 1, 0, AboClass.IDENTICAL, false), 9_000),
                new PlateletCandidate("d8", "CD", day, packed(1, 0, 0, AboClass.IDENTICAL, false), 0));
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<PlateletCandidate> shuffled = new ArrayList<>(expected);
            shuffled.add(new PlateletCandidate("x", "CD", day, Evaluation.EXCLUDED, 0));
            Collections.shuffle(shuffled, random);
            assertEquals(expected, PlateletCandidate.rank(shuffled, "CD"));
            // the pools' one-long key orders the same way as far as it goes
            shuffled.removeIf(PlateletCandidate::excluded);
            shuffled.sort(Comparator.comparingLong((PlateletCandidate c) -> PlateletCandidate.rankKey(c.evaluation(), c.dsaMfi()))
                    .thenComparing(PlateletCandidate::donorId));
            assertEquals(List.of("d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"),
                    shuffled.stream().map(PlateletCandidate::donorId).toList());
        }
    }

    @Test
    void badMfiAndSpecificityNameTheirField() {
        assertEquals("patient.hlaAntibodies[1].mfi", field(() -> request("B7 B8:-1")));
        assertEquals("patient.hlaAntibodies[0].specificity", field(() -> request("B99:500")));
        assertEquals("patient.hlaAntibodies[0]", field(() -> request("B99")));
        assertThrows(IllegalArgumentException.class, () -> new PlateletPatient(Donors.hla("A2 B46"), List.of("B7"),
                List.of(1, 2), List.of(), Abo.O, RhD.POS, Sex.M));
    }

    private static int packed(int m, int x, int u, AboClass abo, boolean rhd) {
        return (m << Evaluation.M_SHIFT) | (x << Evaluation.X_SHIFT) | (u << Evaluation.U_SHIFT)
                | (abo.ordinal() << Evaluation.ABO_SHIFT) | (rhd ? Evaluation.RHD_WARNING : 0);
    }

    private static String field(Runnable compile) {
        try {
            compile.run();
            throw new AssertionError("no InvalidField");
        } catch (InvalidField e) {
            return e.field();
        }
    }
}
