package org.bloodbridge.engine.outcome;

/**
 * Body surface area and the corrected count increment (domain-rules.md section 7, as in the TRAP
 * trial): counts in 10^9/L, dose in 10^11 platelets, BSA in m^2.
 */
public final class Cci {
    /** A CCI below this is a poor increment (the usual 1 h threshold). */
    public static final int POOR_BELOW = 5_000;
    /** The "1 h" window: 10 minutes to 2 hours after the transfusion. */
    public static final double ONE_HOUR_FROM = 10.0 / 60;
    public static final double ONE_HOUR_TO = 2.0;

    private Cci() {}

    /** Mosteller: sqrt(height cm x weight kg / 3600). */
    public static double mosteller(double heightCm, double weightKg) {
        return Math.sqrt(heightCm * weightKg / 3600);
    }

    /** (post - pre) x BSA / dose, x 1,000 for the usual units (e.g. 7,500), rounded to a whole number. */
    public static int of(double preCount, double postCount, double bsa, double plateletDose) {
        return (int) Math.round((postCount - preCount) * bsa / plateletDose * 1000);
    }

    public static boolean oneHour(double postHours) {
        return postHours >= ONE_HOUR_FROM && postHours <= ONE_HOUR_TO;
    }
}
