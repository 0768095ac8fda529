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

    @Override
    public int compareTo(HlaGrade other) {
        return ORDER.compare(this, other);
    }
}
