package org.bloodbridge.engine.donor;

import java.time.LocalDate;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * Who the donor is, as registered. {@code idType} is kept (it says how the donorId was derived);
 * the national ID itself never is. Null fields are unknown. Name and phone are personal data,
 * sealed with the donor's key ({@link SealedText}); after an erasure they are null.
 */
public record Profile(
        IdType idType,
        SealedText name,
        SealedText phone,
        Sex sex,
        LocalDate birthDate,
        Integer weightKg,
        Abo abo,
        RhD rhD) {

    /** This profile without name and phone (a personal-data erasure). */
    Profile withoutPersonalData() {
        return new Profile(idType, null, null, sex, birthDate, weightKg, abo, rhD);
    }
}
