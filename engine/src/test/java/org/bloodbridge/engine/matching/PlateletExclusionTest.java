package org.bloodbridge.engine.matching;

import static org.bloodbridge.engine.matching.Donors.REF;
import static org.bloodbridge.engine.matching.Donors.profile;
import static org.bloodbridge.engine.matching.Donors.typing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.CrossReactiveGroups;
import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.typing.RhD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every exclusion of domain-rules.md section 4.1 that the typing decides. */
class PlateletExclusionTest {

    static PlateletRequest request(String hlaAntibodies, String hpaAntibodies) {
        return PlateletRequest.compile(REF, CrossReactiveGroups.imgtFamilies(REF.antigens()),
                new PlateletPatient(Donors.hla("A2 A24 B46 B60"), split(hlaAntibodies), split(hpaAntibodies), Abo.O, RhD.POS, Sex.M));
    }

    private static List<String> split(String names) {
        return Arrays.stream(names.split(" ")).filter(s -> !s.isEmpty()).toList();
    }

    @ParameterizedTest(name = "anti-{0} vs {1}: excluded={2}")
    @CsvSource(delimiter = '|', value = {
            "B7   | A2 B7           | true",   // the antigen itself
            "B7   | A2 B8           | false",
            "A9   | A24 B46         | true",   // a broad covers its splits
            "B51  | A2 B5102        | true",   // an antigen covers its associated antigens
            "B5   | A2 B5103        | true",   // the two combine
            "B5   | A2 B52          | true",
            "B51  | A2 B52          | false",  // a sibling split is not covered
            "A24  | A9 B46          | true",   // typed only at the broad of the antibody's split
            "A24  | A2403 B46       | true",
            "B60  | A2 B4005        | false",
            "Bw4  | A2 B27          | true",   // Bw4/Bw6 epitopes
            "Bw4  | A2 B2708        | false",  // B2708 is Bw6 although B27 is Bw4
            "Bw6  | A2 B2708        | true",
            "Bw4  | A24 B7          | true",   // A24 carries Bw4
            "Bw6  | A2 B12          | true",   // a broad not listed carries both of its splits' epitopes
            "B62  | A2 B*15         | true",   // an ambiguous typing is hit if any of its antigens is
            "B7   | A2 B*83:01      | false",  // no serological equivalent: never hit
            "Cw1  | A2 B46 C*01:02  | true",   // HLA-C antibodies exclude carriers
            "Cw1  | A2 B46 Cw7      | false",
            "Cw3  | A2 B46 Cw9      | true",
            "Cw10 | A2 B46 Cw3      | true"})
    void hlaAntibodies(String antibody, String donor, boolean excluded) {
        assertEquals(excluded, Evaluation.excluded(request(antibody, "").evaluate(profile(donor))));
    }

    @Test
    void aDonorUntypedForHlaCIsKeptButFlaggedWhenThePatientHasCAntibodies() {
        assertTrue(Evaluation.hlaCUntyped(request("Cw1", "").evaluate(profile("A2 B46"))));
        assertFalse(Evaluation.hlaCUntyped(request("Cw1", "").evaluate(profile("A2 B46 Cw7"))));
        assertFalse(Evaluation.hlaCUntyped(request("B7", "").evaluate(profile("A2 B46"))));
        assertTrue(request("Cw1", "").explain(typing("A2 B46"), profile("A2 B46")).hlaCUntyped());
    }

    @Test
    void hpaAntibodiesExcludeCarriersAndDonorsUntypedForTheSystem() {
        PlateletRequest request = request("", "HPA-1a HPA-5b");
        Map<String, String> compatible = Map.of("HPA-1", "bb", "HPA-5", "aa");
        assertFalse(excluded(request, compatible));
        assertTrue(excluded(request, Map.of("HPA-1", "ab", "HPA-5", "aa")));
        assertTrue(excluded(request, Map.of("HPA-1", "aa", "HPA-5", "aa")));
        assertTrue(excluded(request, Map.of("HPA-1", "bb", "HPA-5", "ab")));
        assertTrue(excluded(request, Map.of("HPA-1", "bb")));
        assertTrue(excluded(request, Map.of()));
    }

    private static boolean excluded(PlateletRequest request, Map<String, String> hpa) {
        return Evaluation.excluded(request.evaluate(profile("A2 B46", hpa, Abo.O, RhD.POS)));
    }

    @Test
    void explainsWhyADonorIsExcluded() {
        PlateletMatch match = request("B5 Bw4", "HPA-1a").explain(typing("A2 B5103"), profile("A2 B5103"));
        assertTrue(match.excluded());
        assertEquals(List.of("HLA antibody anti-B5 hits donor antigen B5103",
                "HLA antibody anti-Bw4 hits donor epitope Bw4",
                "HPA antibody anti-HPA-1a: donor carries HPA-1a"), match.exclusionReasons());
    }

    @Test
    void badAntibodiesNameTheirField() {
        assertEquals("patient.hlaAntibodies[1]", field(() -> request("B7 A*02:01", "")));
        assertEquals("patient.hlaAntibodies[0]", field(() -> request("B99", "")));
        assertEquals("patient.hpaAntibodies[0]", field(() -> request("", "HPA-1")));
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
