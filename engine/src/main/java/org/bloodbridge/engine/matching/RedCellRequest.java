package org.bloodbridge.engine.matching;

import java.util.List;
import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RedCellAntigens;
import org.bloodbridge.engine.typing.RedCellPhenotype;
import org.bloodbridge.engine.typing.RhD;

/**
 * A red-cell request for a rare phenotype (domain-rules.md section 5), compiled: the donor must be
 * ABO-compatible with the patient's plasma, RhD-negative for an RhD-negative patient, and typed
 * negative for every antigen the patient has an antibody against or requires negative (untyped
 * is not negative). Eligibility for whole blood is the caller's check.
 */
public final class RedCellRequest {
    private final Abo patientAbo;
    private final boolean rhdNegativeOnly;
    private final long mustBeNegative;

    private RedCellRequest(Abo patientAbo, boolean rhdNegativeOnly, long mustBeNegative) {
        this.patientAbo = patientAbo;
        this.rhdNegativeOnly = rhdNegativeOnly;
        this.mustBeNegative = mustBeNegative;
    }

    /**
     * @param patientRhD null (untyped) is treated as negative: the safe side
     * @throws org.bloodbridge.engine.InvalidField naming {@code patient.redCellAntibodies[i]}
     *     or {@code patient.requiredRedCellNegative[i]}
     */
    public static RedCellRequest compile(Abo patientAbo, RhD patientRhD, List<String> redCellAntibodies,
                                         List<String> requiredRedCellNegative, RedCellAntigens antigens) {
        long mask = bits(redCellAntibodies, "patient.redCellAntibodies", antigens)
                | bits(requiredRedCellNegative, "patient.requiredRedCellNegative", antigens);
        return new RedCellRequest(patientAbo, patientRhD != RhD.POS, mask);
    }

    private static long bits(List<String> names, String field, RedCellAntigens antigens) {
        long mask = 0;
        for (int i = 0; names != null && i < names.size(); i++) {
            mask |= antigens.requireBit(names.get(i), field + "[" + i + "]");
        }
        return mask;
    }

    /** The antigens a donor must be typed negative for (bits of {@link RedCellAntigens}); 0 when none. */
    public long mustBeNegative() {
        return mustBeNegative;
    }

    /** Whether only RhD-negative donors qualify (the patient is RhD-negative or untyped). */
    public boolean rhdNegativeOnly() {
        return rhdNegativeOnly;
    }

    /** Whether a donor may give red cells to this patient; {@code abo} and {@code rhD} may be null (untyped: no). */
    public boolean compatible(Abo abo, RhD rhD, RedCellPhenotype phenotype) {
        return aboCompatible(abo) && (!rhdNegativeOnly || rhD == RhD.NEG) && phenotype.negativeForAll(mustBeNegative);
    }

    /** Donor red cells against patient plasma: O gives to all, A to A and AB, B to B and AB, AB to AB. */
    private boolean aboCompatible(Abo donor) {
        if (donor == null || patientAbo == null) {
            return donor == Abo.O;
        }
        return donor == Abo.O || donor == patientAbo || patientAbo == Abo.AB;
    }

    public boolean aboIdentical(Abo donor) {
        return donor != null && donor == patientAbo;
    }
}
