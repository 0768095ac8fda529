package org.bloodbridge.http;

import java.time.LocalDate;
import org.bloodbridge.engine.identity.Din;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.InvalidIdentity;
import org.bloodbridge.engine.identity.NationalId;
import org.bloodbridge.engine.identity.Sex;

/** The identity checks of the engine, with their failures as 400 answers naming the field. */
final class IdentityInput {
    private IdentityInput() {}

    static NationalId nationalId(IdType type, String raw) {
        try {
            return NationalId.parse(type, raw);
        } catch (InvalidIdentity e) {
            throw ApiError.invalid(e.field(), e.getMessage());
        }
    }

    static void checkConsistent(NationalId id, LocalDate birthDate, Sex sex) {
        try {
            id.checkConsistentWith(birthDate, sex);
        } catch (InvalidIdentity e) {
            throw ApiError.invalid(e.field(), e.getMessage());
        }
    }

    static String din(String raw) {
        try {
            return Din.validate(raw);
        } catch (InvalidIdentity e) {
            throw ApiError.invalid(e.field(), e.getMessage());
        }
    }
}
