package org.bloodbridge.engine.typing;

import org.bloodbridge.engine.InvalidField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An interpreted HLA typing of loci A, B and C: two slots per locus, each a {@link SlotTypes} id,
 * plus what people read: the serological antigens per locus and the Bw epitopes carried.
 * Immutable.
 */
public final class HlaTyping {
    private static final int MAX_NAMES_PER_LOCUS = 2;

    /** A1, A2, B1, B2, C1, C2; a second slot repeating the first's single antigen is blank (homozygous). */
    private final int[] slots = new int[Locus.values().length * 2];
    private int typedLoci;
    private int bwMask;
    private final Map<String, List<String>> antigens = new LinkedHashMap<>();

    private HlaTyping() {}

    /**
     * @param hla locus key ({@code A}, {@code B}, {@code C}) -> 0 to 2 names, alleles or serology
     * @param fieldPrefix the dot path of {@code hla} in error fields ({@code hla}, {@code patient.hla})
     * @throws InvalidField naming the field at fault ({@code hla.A[1]}, {@code hla.D}, {@code hla.A})
     */
    static HlaTyping interpret(HlaReference reference, Map<String, List<String>> hla, String fieldPrefix) {
        HlaTyping typing = new HlaTyping();
        Map<Locus, List<String>> byLocus = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : (hla == null ? Map.<String, List<String>>of() : hla).entrySet()) {
            Locus locus = Locus.ofKey(entry.getKey());
            if (locus == null) {
                throw new InvalidField(fieldPrefix + "." + entry.getKey(),
                        "unknown HLA locus '" + entry.getKey() + "' (expected A, B or C)");
            }
            List<String> names = entry.getValue() == null ? List.of() : entry.getValue();
            if (names.size() > MAX_NAMES_PER_LOCUS) {
                throw new InvalidField(fieldPrefix + "." + locus,
                        "at most " + MAX_NAMES_PER_LOCUS + " names per locus, got " + names.size());
            }
            byLocus.put(locus, names);
        }
        for (Locus locus : Locus.values()) {
            List<String> names = byLocus.getOrDefault(locus, List.of());
            for (int i = 0; i < names.size(); i++) {
                typing.slots[locus.ordinal() * 2 + i] = slotType(reference, locus, names.get(i),
                        fieldPrefix + "." + locus + "[" + i + "]");
            }
            if (!names.isEmpty()) {
                typing.typedLoci |= 1 << locus.ordinal();
                typing.describe(reference, locus);
            }
        }
        return typing;
    }

    private static int slotType(HlaReference reference, Locus locus, String text, String field) {
        try {
            HlaName name = HlaName.parse(text);
            Locus named = name instanceof AlleleName a ? a.locus() : name instanceof SerologyName s ? s.locus() : null;
            if (named == null) {
                throw new IllegalArgumentException(text + " is a public epitope; type the HLA-" + locus
                        + " antigen or allele instead");
            }
            if (named != locus) {
                throw new IllegalArgumentException(text + " is an HLA-" + named + " name, not HLA-" + locus);
            }
            return reference.slotTypeOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidField(field, e.getMessage());
        }
    }

    /** Fills the display antigens and Bw epitopes of one typed locus, then blanks a homozygous repeat. */
    private void describe(HlaReference reference, Locus locus) {
        SlotTypes types = reference.slotTypes();
        HlaAntigens catalogue = reference.antigens();
        Set<String> names = new LinkedHashSet<>();
        int first = locus.ordinal() * 2;
        for (int slot = first; slot < first + 2; slot++) {
            for (int code : types.antigens(slots[slot])) {
                names.add(catalogue.name(code));
                bwMask |= catalogue.bw(code);
            }
        }
        antigens.put(locus.name(), List.copyOf(new ArrayList<>(names)));
        if (slots[first + 1] == slots[first] && types.antigens(slots[first]).length == 1 && !types.unknown(slots[first])) {
            slots[first + 1] = SlotTypes.BLANK;
        }
    }

    /** The slot type id of slot 0 or 1 of a locus ({@link SlotTypes#BLANK} when blank or homozygous). */
    public int slot(Locus locus, int index) {
        return slots[locus.ordinal() * 2 + index];
    }

    /** Whether at least one name was given for the locus (a null allele counts as typed). */
    public boolean typed(Locus locus) {
        return (typedLoci & (1 << locus.ordinal())) != 0;
    }

    /** Serological antigens per typed locus, e.g. {@code {"A":["A2","A24"],"B":["B46","B13"],"C":["Cw1"]}}. */
    public Map<String, List<String>> antigens() {
        return Collections.unmodifiableMap(antigens);
    }

    /** The subset of {@code ["Bw4", "Bw6"]} the typing carries. */
    public List<String> bw() {
        return Bw.labels(bwMask);
    }

    /** The Bw epitopes as a {@link Bw#bit()} mask. */
    public int bwMask() {
        return bwMask;
    }
}
