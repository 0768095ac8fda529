package org.bloodbridge.engine.matching;

import org.bloodbridge.engine.typing.Abo;

/** ABO relation of a plasma-containing platelet product to the patient, in order of preference. */
public enum AboClass {
    IDENTICAL,
    /** Donor plasma against patient cells: O -> A/B/AB, A -> AB, B -> AB. */
    MINOR,
    /** Donor cells against patient plasma: A/B/AB -> O, AB -> A/B. */
    MAJOR,
    /** A <-> B: both at once. */
    BIDIRECTIONAL,
    /** Donor or patient ABO not typed: ranked last. */
    UNKNOWN;

    public static AboClass of(Abo donor, Abo patient) {
        if (donor == null || patient == null) {
            return UNKNOWN;
        }
        if (donor == patient) {
            return IDENTICAL;
        }
        if (donor == Abo.O || patient == Abo.AB) {
            return MINOR;
        }
        if (donor == Abo.AB || patient == Abo.O) {
            return MAJOR;
        }
        return BIDIRECTIONAL;
    }
}
