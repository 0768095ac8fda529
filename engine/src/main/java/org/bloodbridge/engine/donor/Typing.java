package org.bloodbridge.engine.donor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typing exactly as the laboratory reported it: HLA names per locus, HPA genotypes per system,
 * red-cell antigens as {@code +} or {@code -}. Interpretation into antigens happens elsewhere.
 */
public record Typing(Map<String, List<String>> hla, Map<String, String> hpa, Map<String, String> redCell) {
    public static final Typing NONE = new Typing(Map.of(), Map.of(), Map.of());

    /** Keys sorted, so the stored and shown order never depends on how a request listed them. */
    public Typing {
        hla = Collections.unmodifiableSortedMap(new TreeMap<>(hla));
        hpa = Collections.unmodifiableSortedMap(new TreeMap<>(hpa));
        redCell = Collections.unmodifiableSortedMap(new TreeMap<>(redCell));
    }

    /** This typing with {@code changes} applied: an HLA locus given replaces that locus; HPA and red cell replace whole. */
    public Typing patchedWith(TypingChanges changes) {
        Map<String, List<String>> newHla = new LinkedHashMap<>(hla);
        newHla.putAll(changes.hla());
        newHla.values().removeIf(List::isEmpty);
        return new Typing(
                newHla,
                changes.hpa() != null ? changes.hpa() : hpa,
                changes.redCell() != null ? changes.redCell() : redCell);
    }

    /** Changes to a typing; {@code hla} holds only the loci given, null maps leave the old ones. */
    public record TypingChanges(Map<String, List<String>> hla, Map<String, String> hpa, Map<String, String> redCell) {
        public TypingChanges {
            hla = hla == null ? Map.of() : Map.copyOf(hla);
        }
    }
}
