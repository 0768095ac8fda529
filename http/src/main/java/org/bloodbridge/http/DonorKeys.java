package org.bloodbridge.http;

import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.NationalId;

/**
 * The two ways a request names a donor, each read in this one place: an ID card
 * ({@code idType}, default {@code CN_RIC}, and {@code nationalId}) in a body, and a donorId (in a
 * path or a body), whose format is checked before any entity is asked.
 */
final class DonorKeys {
    private DonorKeys() {}

    /** The body's {@code idType}, {@code CN_RIC} when absent. */
    static IdType idType(Fields body) {
        return body.has("idType") ? body.enumValue("idType", IdType.class) : IdType.CN_RIC;
    }

    /** The body's ID card: {@code idType} and {@code nationalId}, checked. */
    static NationalId nationalId(Fields body) {
        return nationalId(body, idType(body));
    }

    /**
     * The body's {@code nationalId} of the type {@code idType}, checked; a bad one is a 400 naming
     * the field by its path in the body ({@code checks[2].nationalId}).
     */
    static NationalId nationalId(Fields body, IdType idType) {
        String text = body.text("nationalId");
        try {
            return NationalId.parse(idType, text);
        } catch (InvalidField e) {
            throw ApiError.invalid(e.field() == null ? null : body.pathOf(e.field()), e.getMessage());
        }
    }

    /**
     * {@code donorId} when it is well formed; otherwise 404 "no donor": no entity could hold it,
     * and a malformed id must not start one.
     */
    static String wellFormed(String donorId) {
        if (!DonorIds.isWellFormed(donorId)) {
            throw ApiError.notFound("no donor " + donorId);
        }
        return donorId;
    }
}
