package org.bloodbridge.engine.matching;

import java.util.Comparator;

/**
 * The HLA grade of a donor's four HLA-A and HLA-B slots against the patient: {@code m} mismatched,
 * {@code x} cross-reactive, {@code u} not detected (blank or homozygous). Ranking uses the tuple
 * (m, x, u); the label is for people and can name two tuples ({@code B3UX}: x=1,u=2 and x=2,u=1).
 */
public record HlaGrade(int m, int x, int u) implements Comparable<HlaGrade> {
    private static final Comparator<HlaGrade> ORDER =
            Comparator.comparingInt(HlaGrade::m).thenComparingInt(HlaGrade::x).thenComparingInt(HlaGrade::u);

    /** {@code A}, {@code B1U} .. {@code B4X}, {@code C} (one mismatch) or {@code D} (two or more). */
    public String label() {
        if (m >= 2) {
            return "D";
        }
        if (m == 1) {
            return "C";
        }
        if (x + u == 0) {
            return "A";
        }
        return "B" + (x + u) + (u > 0 ? "U" : "") + (x > 0 ? "X" : "");
    }

    /**
     * The first grade, in ranking order, that {@link #label} names {@code label}: exact for
     * {@code A}, {@code BnU} and {@code BnX}; for {@code BnUX} the tuple with one cross-reactive slot,
     * for {@code C} and {@code D} the one with the fewest mismatches.
     */
    public static HlaGrade firstLabelled(String label) {
        if (label.equals("A")) {
            return new HlaGrade(0, 0, 0);
        }
        if (label.equals("C")) {
            return new HlaGrade(1, 0, 0);
        }
        if (label.equals("D")) {
            return new HlaGrade(2, 0, 0);
        }
        if (!label.matches("B[1-4]U?X?") || label.length() == 2) {
            throw new IllegalArgumentException("not an HLA grade: " + label);
        }
        int slots = label.charAt(1) - '0';
        boolean u = label.contains("U");
        boolean x = label.contains("X");
        return u && x ? new HlaGrade(0, 1, slots - 1) : new HlaGrade(0, x ? slots : 0, u ? slots : 0);
    }

    @Override
    public int compareTo(HlaGrade other) {
        return ORDER.compare(this, other);
    }
}
