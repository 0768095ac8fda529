package org.bloodbridge.engine.typing;

import org.bloodbridge.engine.InvalidField;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference tables a registry reads typing reports with: the IMGT/HLA release, the red-cell
 * antigens, the rare-panel patterns and the cross-reactive groups matching uses. Loaded once at start.
 */
public record TypingTables(HlaReference hla, RedCellAntigens redCells, List<RarePattern> rarePatterns,
                           CrossReactiveGroups crossReactiveGroups) {

    /**
     * @param imgtHlaDir a directory holding an operator-supplied release's {@code rel_dna_ser.txt}
     *     and {@code rel_ser_ser.txt}, or null for the shipped 3.58.0
     * @param rarePatterns patterns such as {@code Fy(a-)} ({@link RarePattern#DEFAULTS})
     */
    public static TypingTables load(Path imgtHlaDir, List<String> rarePatterns) {
        HlaReference hla = imgtHlaDir == null
                ? HlaReference.loadDefault()
                : HlaReference.load(imgtHlaDir.resolve("rel_dna_ser.txt"), imgtHlaDir.resolve("rel_ser_ser.txt"));
        RedCellAntigens redCells = RedCellAntigens.loadDefault();
        return new TypingTables(hla, redCells, RarePattern.parseAll(rarePatterns, redCells),
                CrossReactiveGroups.imgtFamilies(hla.antigens()));
    }

    /**
     * Reads a donor's typing as reported, checking every name against the tables.
     *
     * @throws InvalidField naming the field at fault
     */
    public Interpreted interpret(Map<String, List<String>> hla, Map<String, String> hpa, Map<String, String> redCell) {
        return new Interpreted(this.hla.interpret(hla), HpaTyping.parse(hpa), RedCellPhenotype.parse(redCell, redCells));
    }

    /** A typing read against the tables. */
    public record Interpreted(HlaTyping hla, HpaTyping hpa, RedCellPhenotype redCell) {
        /** The panels of a donor with this typing; {@code rhD} may be null (untyped). */
        public Set<Panel> panels(RhD rhD, List<RarePattern> rarePatterns) {
            return Panel.of(hla, rhD, redCell, rarePatterns);
        }
    }
}
