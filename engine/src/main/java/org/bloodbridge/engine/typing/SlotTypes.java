package org.bloodbridge.engine.typing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Every distinct content a typed HLA slot can have, numbered: a set of antigen codes (one for an
 * unambiguous typing, several for an ambiguous one) and whether the slot may hold an antigen with
 * no serological equivalent ({@code ?}). Id 0 is the blank slot (untyped, or a null allele).
 * <p>
 * The set is closed once the reference is loaded (every serological name and every allele name
 * prefix is interned then), so a compiled match request can hold one table entry per slot type and
 * grade a slot with a single array read.
 */
public final class SlotTypes {
    public static final int BLANK = 0;

    private final List<int[]> antigens = new ArrayList<>();
    private final List<Boolean> unknown = new ArrayList<>();
    private final List<Locus> loci = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();

    SlotTypes() {
        antigens.add(new int[0]);
        unknown.add(false);
        loci.add(null);
    }

    /** The id of a slot content, adding it when new; an empty, known content is {@link #BLANK}. */
    int intern(Locus locus, SortedSet<Integer> codes, boolean unknownAntigen) {
        if (codes.isEmpty() && !unknownAntigen) {
            return BLANK;
        }
        String key = locus + codes.toString() + (unknownAntigen ? "?" : "");
        return ids.computeIfAbsent(key, k -> {
            antigens.add(codes.stream().mapToInt(Integer::intValue).toArray());
            unknown.add(unknownAntigen);
            loci.add(locus);
            return antigens.size() - 1;
        });
    }

    /** How many slot types there are, the blank one included; ids run from 0 to count() - 1. */
    public int count() {
        return antigens.size();
    }

    /** The antigen codes of a slot type (a copy; empty for the blank one). */
    public int[] antigens(int id) {
        return antigens.get(id).clone();
    }

    /** Whether the slot may hold an antigen with no serological equivalent ({@code ?}). */
    public boolean unknown(int id) {
        return unknown.get(id);
    }

    /** The locus of a slot type, or null for the blank one. */
    public Locus locus(int id) {
        return loci.get(id);
    }
}
