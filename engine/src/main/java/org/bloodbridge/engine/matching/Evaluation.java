package org.bloodbridge.engine.matching;

/**
 * Reads the int {@link PlateletRequest#evaluate} packs a donor's evaluation into, so a scan over
 * every donor allocates nothing. Layout, most significant first, so that comparing
 * {@code evaluation >> 4} orders donors by (m, x, u, ABO class, RhD flag):
 * <pre>
 * bit 31      excluded (the whole int is {@link #EXCLUDED})
 * bits 20-22  m, mismatched slots
 * bits 16-18  x, cross-reactive slots
 * bits 12-14  u, slots not detected
 * bits 8-10   ABO class ordinal
 * bit 4       RhD warning
 * bit 0       HLA-C untyped while the patient has HLA-C antibodies (kept, flagged)
 * </pre>
 */
public final class Evaluation {
    public static final int EXCLUDED = Integer.MIN_VALUE;
    static final int M_SHIFT = 20;
    static final int X_SHIFT = 16;
    static final int U_SHIFT = 12;
    static final int ABO_SHIFT = 8;
    static final int RHD_WARNING = 1 << 4;
    static final int HLA_C_UNTYPED = 1;

    private Evaluation() {}

    /** The evaluation of a donor not excluded, from its parts (HLA-C flag unset). */
    public static int of(HlaGrade grade, AboClass abo, boolean rhdWarning) {
        return grade.m() << M_SHIFT | grade.x() << X_SHIFT | grade.u() << U_SHIFT | abo.ordinal() << ABO_SHIFT
                | (rhdWarning ? RHD_WARNING : 0);
    }

    public static boolean excluded(int evaluation) {
        return evaluation == EXCLUDED;
    }

    public static HlaGrade grade(int evaluation) {
        return new HlaGrade(field(evaluation, M_SHIFT), field(evaluation, X_SHIFT), field(evaluation, U_SHIFT));
    }

    public static AboClass aboClass(int evaluation) {
        return AboClass.values()[field(evaluation, ABO_SHIFT)];
    }

    public static boolean rhdWarning(int evaluation) {
        return (evaluation & RHD_WARNING) != 0;
    }

    public static boolean hlaCUntyped(int evaluation) {
        return (evaluation & HLA_C_UNTYPED) != 0;
    }

    private static int field(int evaluation, int shift) {
        return (evaluation >>> shift) & 7;
    }
}
