package org.bloodbridge.engine.typing;

import java.util.ArrayList;
import java.util.List;

/** The two public epitopes of HLA-B (and some HLA-A) antigens. */
public enum Bw implements HlaName {
    BW4("Bw4"),
    BW6("Bw6");

    private final String label;

    Bw(String label) {
        this.label = label;
    }

    /** This epitope as one bit of a small mask: Bw4 = 1, Bw6 = 2. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The labels ({@code Bw4}, {@code Bw6}) of the epitopes in a mask, in that order. */
    public static List<String> labels(int mask) {
        List<String> labels = new ArrayList<>(2);
        for (Bw bw : values()) {
            if ((mask & bw.bit()) != 0) {
                labels.add(bw.label);
            }
        }
        return List.copyOf(labels);
    }

    /** The epitope labelled {@code Bw4} or {@code Bw6}, or null. */
    public static Bw ofLabel(String label) {
        for (Bw bw : values()) {
            if (bw.label.equals(label)) {
                return bw;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return label;
    }
}
