package org.bloodbridge.engine.outcome;

import java.time.Instant;

/**
 * One recorded transfusion of an allocated donor's unit and the count increment it gave
 * (domain-rules.md section 7). {@code bsa} is as given or computed by Mosteller from
 * {@code heightCm} and {@code weightKg} (then both non-null). {@code grade} and {@code abo} are the
 * donor's HLA grade and ABO class on the request. {@code aboCompatible}: the donor's cells are
 * compatible with the patient's plasma (ABO class {@code IDENTICAL} or {@code MINOR}, or a red-cell
 * {@code COMPATIBLE}). {@code fresh}: the unit was at most {@link #FRESH_DAYS} days old; a unit of
 * unknown age ({@code unitAgeDays} null) counts as fresh, since the registry does not track units.
 */
public record TransfusionOutcome(String requestId, String donorId, Instant transfusedAt, double preCount,
                                 double postCount, double postHours, double plateletDose, double bsa, Double heightCm,
                                 Double weightKg, Integer unitAgeDays, int cci, String grade, String abo,
                                 boolean aboCompatible, boolean fresh) {

    /** Platelets stored up to 3 days (72 h) are "fresh" in the refractoriness definitions. */
    public static final int FRESH_DAYS = 3;

    public boolean oneHour() {
        return Cci.oneHour(postHours);
    }

    /** A poor increment: this donor is a poor responder for this patient. */
    public boolean poor() {
        return cci < Cci.POOR_BELOW;
    }

    /** One of the occasions that make a patient refractory: a poor 1 h CCI with an ABO-compatible fresh unit. */
    public boolean refractoryOccasion() {
        return oneHour() && poor() && aboCompatible && fresh;
    }

    public static boolean aboCompatible(String aboClass) {
        return "IDENTICAL".equals(aboClass) || "MINOR".equals(aboClass) || "COMPATIBLE".equals(aboClass);
    }

    public static boolean fresh(Integer unitAgeDays) {
        return unitAgeDays == null || unitAgeDays <= FRESH_DAYS;
    }

    /** Whether {@code other} records the same transfusion (same request, donor and time). */
    public boolean sameTransfusion(TransfusionOutcome other) {
        return requestId.equals(other.requestId) && donorId.equals(other.donorId) && transfusedAt.equals(other.transfusedAt);
    }
}
