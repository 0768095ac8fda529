package org.bloodbridge.engine.typing;

import org.bloodbridge.engine.InvalidField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HlaTypingTest {
    private static final HlaReference REF = HlaReference.loadDefault();

    @Test
    void derivesAntigensAndBwFromMixedAllelesAndSerology() {
        HlaTyping typing = REF.interpret(Map.of("A", List.of("A*02:01", "A*24:02"), "B", List.of("B*46:01", "B13"),
                "C", List.of("C*01:02")));
        assertEquals(Map.of("A", List.of("A2", "A24"), "B", List.of("B46", "B13"), "C", List.of("Cw1")), typing.antigens());
        assertEquals(List.of("Bw4", "Bw6"), typing.bw());
        assertTrue(typing.typed(Locus.C));
    }

    @Test
    void aNullAlleleGivesNoAntigenAndAHomozygousRepeatIsBlank() {
        HlaTyping typing = REF.interpret(Map.of("A", List.of("A*01:01:01:02N", "A*24:02"), "B", List.of("B7", "B*07:02")));
        assertEquals(List.of("A24"), typing.antigens().get("A"));
        assertEquals(SlotTypes.BLANK, typing.slot(Locus.A, 0));
        assertEquals(List.of("B7"), typing.antigens().get("B"));
        assertEquals(SlotTypes.BLANK, typing.slot(Locus.B, 1));
        assertEquals(List.of("Bw4", "Bw6"), typing.bw());
        assertFalse(typing.typed(Locus.C));
    }

    @Test
    void anAlleleWithoutSerologicalEquivalentIsTypedButShowsNoAntigen() {
        HlaTyping typing = REF.interpret(Map.of("B", List.of("B*83:01")));
        assertEquals(List.of(), typing.antigens().get("B"));
        assertTrue(REF.slotTypes().unknown(typing.slot(Locus.B, 0)));
        assertTrue(typing.typed(Locus.B));
    }

    @Test
    void anAmbiguousTypingCarriesEveryAntigen() {
        HlaTyping typing = REF.interpret(Map.of("B", List.of("B*40")));
        List<String> b = typing.antigens().get("B");
        assertTrue(b.containsAll(List.of("B60", "B61", "B4005")), b.toString());
    }

    @Test
    void errorsNameTheFieldAndThePart() {
        assertError("hla.A[1]", "unknown allele A*99:99 (not in IMGT/HLA 3.58.0)", Map.of("A", List.of("A2", "A*99:99")));
        assertError("hla.B[0]", "unknown antigen B99", Map.of("B", List.of("B99")));
        assertError("hla.D", "unknown HLA locus 'D'", Map.of("D", List.of("D1")));
        assertError("hla.A", "at most 2 names per locus, got 3", Map.of("A", List.of("A1", "A2", "A3")));
        assertError("hla.A[0]", "B*07:02 is an HLA-B name, not HLA-A", Map.of("A", List.of("B*07:02")));
        assertError("hla.B[0]", "public epitope", Map.of("B", List.of("Bw4")));
        assertError("hla.C[0]", "expression suffix 'X'", Map.of("C", List.of("C*01:02X")));
        InvalidField e = assertThrows(InvalidField.class,
                () -> REF.interpret(Map.of("A", List.of("A0")), "patient.hla"));
        assertEquals("patient.hla.A[0]", e.field());
    }

    private static void assertError(String field, String message, Map<String, List<String>> hla) {
        InvalidField e = assertThrows(InvalidField.class, () -> REF.interpret(hla));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void slotTypesOfSerologyAreSingleAntigens() {
        int slot = REF.slotTypeOf(HlaName.parse("A2403"));
        assertEquals(List.of("A2403"), Arrays.stream(REF.slotTypes().antigens(slot)).mapToObj(REF.antigens()::name).toList());
    }
}
