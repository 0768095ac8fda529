package org.bloodbridge.engine.typing;

import org.bloodbridge.engine.InvalidField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** HPA, red-cell phenotypes and panels. */
class OtherTypingTest {
    private static final RedCellAntigens RED = RedCellAntigens.loadDefault();
    private static final List<RarePattern> RARE = RarePattern.parseAll(RarePattern.DEFAULTS, RED);
    private static final HlaTyping A_AND_B = HlaReference.loadDefault().interpret(Map.of("A", List.of("A2"), "B", List.of("B46")));
    private static final HlaTyping A_ONLY = HlaReference.loadDefault().interpret(Map.of("A", List.of("A2")));

    @Test
    void hpaGenotypes() {
        HpaTyping hpa = HpaTyping.parse(Map.of("HPA-1", "aa", "HPA-5", "ab", "HPA-35", "bb"));
        assertEquals(1L, hpa.carriesA() & 1L);
        assertEquals(0L, hpa.carriesB() & 1L);
        assertTrue(hpa.typed(5) && hpa.typed(35) && !hpa.typed(2));
        assertEquals(new HpaAntigen(15, 'b'), HpaAntigen.parse("HPA-15b", "f"));
    }

    @Test
    void hpaErrorsNameTheSystem() {
        assertEquals("hpa.HPA-1", assertThrows(InvalidField.class, () -> HpaTyping.parse(Map.of("HPA-1", "ac"))).field());
        assertEquals("hpa.HPA-36", assertThrows(InvalidField.class, () -> HpaTyping.parse(Map.of("HPA-36", "aa"))).field());
        assertEquals("hpa.HPA1", assertThrows(InvalidField.class, () -> HpaTyping.parse(Map.of("HPA1", "aa"))).field());
        assertThrows(InvalidField.class, () -> HpaAntigen.parse("HPA-1c", "f"));
    }

    @Test
    void redCellPhenotypeAndItsErrors() {
        RedCellPhenotype p = RedCellPhenotype.parse(Map.of("Fy(a)", "-", "Jk(b)", "+"), RED);
        assertTrue(p.negativeForAll(RED.bit("Fy(a)")));
        assertFalse(p.negativeForAll(RED.bit("Jk(b)")));
        assertFalse(p.negativeForAll(RED.bit("K")), "untyped is not negative");
        assertEquals("redCell.Fy(c)", assertThrows(InvalidField.class,
                () -> RedCellPhenotype.parse(Map.of("Fy(c)", "+"), RED)).field());
        assertEquals("redCell.K", assertThrows(InvalidField.class,
                () -> RedCellPhenotype.parse(Map.of("K", "pos"), RED)).field());
        assertTrue(RED.names().containsAll(List.of("Fy(a)", "Fy(b)", "Jk(a)", "Jk(b)", "K", "k", "Di(a)", "Di(b)",
                "C", "c", "E", "e", "M", "N", "S", "s", "Lu(b)")));
    }

    @Test
    void panels() {
        RedCellPhenotype none = RedCellPhenotype.UNTYPED;
        assertEquals(Set.of(Panel.PLATELET), Panel.of(A_AND_B, RhD.POS, none, RARE));
        assertEquals(Set.of(), Panel.of(A_ONLY, null, none, RARE));
        assertEquals(Set.of(Panel.PLATELET, Panel.RARE), Panel.of(A_AND_B, RhD.NEG, none, RARE));
        assertEquals(Set.of(Panel.RARE), Panel.of(A_ONLY, RhD.POS,
                RedCellPhenotype.parse(Map.of("Jk(a)", "-", "Jk(b)", "-"), RED), RARE));
        assertEquals(Set.of(), Panel.of(A_ONLY, RhD.POS,
                RedCellPhenotype.parse(Map.of("Jk(a)", "-", "Jk(b)", "+"), RED), RARE));
        assertEquals(Set.of(Panel.RARE), Panel.of(A_ONLY, RhD.POS, RedCellPhenotype.parse(Map.of("Di(b)", "-"), RED), RARE));
        assertEquals(Set.of(Panel.RARE), Panel.of(A_ONLY, RhD.POS, RedCellPhenotype.parse(Map.of("Fy(a)", "-"), RED), RARE));
        List<RarePattern> kPositive = RarePattern.parseAll(List.of("K+"), RED);
        assertEquals(Set.of(Panel.RARE), Panel.of(A_ONLY, RhD.POS, RedCellPhenotype.parse(Map.of("K", "+"), RED), kPositive));
    }

    @Test
    void badRarePatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RarePattern.parse("Xy(a-)", RED));
        assertThrows(IllegalArgumentException.class, () -> RarePattern.parse("Fy(a)", RED));
    }
}
