package org.bloodbridge.engine.typing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The serological antigens of loci A, B and C, each with a small integer code (0 .. count-1), and
 * their relationships from rel_ser_ser.txt: a split names its broad, an associated antigen names
 * its parent. Codes are what the matcher's lookup tables are indexed by.
 */
public final class HlaAntigens {
    private static final Comparator<String> BY_LOCUS_THEN_NUMBER = Comparator
            .comparing((String name) -> locusOf(name))
            .thenComparingInt(name -> Integer.parseInt(name.substring(locusOf(name).serologyPrefix().length())));

    private final String[] names;
    private final Locus[] loci;
    private final Map<String, Integer> codes = new HashMap<>();
    /** The broad antigen a split belongs to (A24 -> A9), or -1. */
    private final int[] broad;
    /** The antigen an associated antigen belongs to (A2403 -> A24), or -1. */
    private final int[] associatedOf;
    private final int[] bw;

    /**
     * @param names every antigen name, e.g. {@code A2403}, {@code Cw10}
     * @param splits broad -> its splits
     * @param associated antigen -> its associated antigens
     * @param bwCarriers epitope -> the antigens listed as carrying it
     */
    HlaAntigens(Set<String> names, Map<String, List<String>> splits, Map<String, List<String>> associated,
                Map<Bw, List<String>> bwCarriers) {
        this.names = names.stream().sorted(BY_LOCUS_THEN_NUMBER).toArray(String[]::new);
        this.loci = new Locus[this.names.length];
        for (int code = 0; code < this.names.length; code++) {
            codes.put(this.names[code], code);
            loci[code] = locusOf(this.names[code]);
        }
        broad = links(splits);
        associatedOf = links(associated);
        bw = new int[this.names.length];
        bwCarriers.forEach((epitope, carriers) -> carriers.forEach(name -> bw[require(name, "Bw table")] |= epitope.bit()));
        // A broad typing not listed carries the union of its splits' epitopes: the safe side for exclusion.
        for (int code = 0; code < bw.length; code++) {
            if (bw[code] == 0) {
                for (int split : splitsOf(code)) {
                    bw[code] |= bw[split];
                }
            }
        }
    }

    private static Locus locusOf(String name) {
        return name.startsWith("Cw") ? Locus.C : Locus.valueOf(name.substring(0, 1));
    }

    private int[] links(Map<String, List<String>> parentToChildren) {
        int[] parent = new int[names.length];
        Arrays.fill(parent, -1);
        parentToChildren.forEach((p, children) -> children.forEach(
                child -> parent[require(child, "rel_ser_ser")] = require(p, "rel_ser_ser")));
        return parent;
    }

    private int require(String name, String source) {
        Integer code = codes.get(name);
        if (code == null) {
            throw new IllegalArgumentException(source + " names " + name + ", which is not an HLA-A, -B or -C antigen");
        }
        return code;
    }

    /** How many antigens there are; codes run from 0 to count() - 1. */
    public int count() {
        return names.length;
    }

    /** The code of an antigen name such as {@code B51}, or -1 when there is no such antigen. */
    public int code(String name) {
        return codes.getOrDefault(name, -1);
    }

    public String name(int code) {
        return names[code];
    }

    public Locus locus(int code) {
        return loci[code];
    }

    /** The Bw4/Bw6 epitopes the antigen carries, as a {@link Bw#bit()} mask. */
    public int bw(int code) {
        return bw[code];
    }

    /** The broad antigen of a split (A24 -> A9), or -1. */
    public int broad(int code) {
        return broad[code];
    }

    /** The splits of a broad antigen (A9 -> A23, A24), in code order. */
    public List<Integer> splitsOf(int code) {
        return childrenIn(broad, code);
    }

    /** The associated antigens of an antigen (A2 -> A203, A210), in code order. */
    public List<Integer> associatedWith(int code) {
        return childrenIn(associatedOf, code);
    }

    private static List<Integer> childrenIn(int[] parent, int code) {
        List<Integer> children = new ArrayList<>();
        for (int child = 0; child < parent.length; child++) {
            if (parent[child] == code) {
                children.add(child);
            }
        }
        return children;
    }

    /** Same antigen, or a broad and its own split: the broad typing cannot tell them apart. */
    public boolean identical(int a, int b) {
        return a == b || broad[a] == b || broad[b] == a;
    }

    /**
     * The top of an antigen's IMGT family: follows split -> broad and associated -> parent links
     * (B5102 -> B51 -> B5). Antigens with the same family root are cross-reactive by default.
     */
    public int familyRoot(int code) {
        int root = code;
        while (broad[root] >= 0 || associatedOf[root] >= 0) {
            root = broad[root] >= 0 ? broad[root] : associatedOf[root];
        }
        return root;
    }

    /**
     * The antigens an antibody against {@code code} hits: the antigen itself, its splits and
     * associated antigens, theirs in turn (anti-B5 covers B51, B52, B5102, B5103), and the broad of a
     * split (a donor typed only as A9 may carry the A24 the antibody is against).
     */
    public BitSet hitByAntibodyAgainst(int code) {
        BitSet hit = new BitSet(names.length);
        TreeSet<Integer> pending = new TreeSet<>(List.of(code));
        while (!pending.isEmpty()) {
            int antigen = pending.pollFirst();
            hit.set(antigen);
            pending.addAll(splitsOf(antigen));
            pending.addAll(associatedWith(antigen));
        }
        if (broad[code] >= 0) {
            hit.set(broad[code]);
        }
        return hit;
    }
}
