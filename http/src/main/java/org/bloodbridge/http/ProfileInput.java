package org.bloodbridge.http;

import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/** Weight, ABO and RhD as the API accepts them. */
final class ProfileInput {
    private ProfileInput() {}

    static Integer weight(Fields body) {
        return body.has("weightKg") ? body.integerIn("weightKg", 20, 300) : null;
    }

    /** Case-insensitive, like a patient's and the search parameter's ({@link Abo#parse}). */
    static Abo abo(Fields body) {
        return body.optionalAbo("abo");
    }

    static RhD rhD(Fields body) {
        return body.optionalRhD("rhD");
    }
}
