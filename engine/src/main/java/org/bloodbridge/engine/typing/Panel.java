package org.bloodbridge.engine.typing;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The donor panels a match request draws on. */
public enum Panel {
    /** Typed for HLA-A and HLA-B: a candidate for platelet matching. */
    PLATELET,
    /** Matches one of the operator's rare-phenotype patterns. */
    RARE;

    /** The panels of a donor; {@code rhD} may be null (untyped). */
    public static Set<Panel> of(HlaTyping hla, RhD rhD, RedCellPhenotype redCell, List<RarePattern> rarePatterns) {
        Set<Panel> panels = EnumSet.noneOf(Panel.class);
        if (hla.typed(Locus.A) && hla.typed(Locus.B)) {
            panels.add(PLATELET);
        }
        if (rarePatterns.stream().anyMatch(pattern -> pattern.matches(rhD, redCell))) {
            panels.add(RARE);
        }
        return panels;
    }
}
