package org.bloodbridge.http;

import java.time.LocalDate;
import org.bloodbridge.engine.donor.Profile;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.NationalId;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * Reads a registration body ({@code POST /api/v1/donors}, and each line of an import): the
 * centre, the ID card checked against birth date and sex, the profile and the typing.
 */
final class RegistrationInput {
    /**
     * A checked registration. {@code nationalId} is only for deriving the donorId; it is never
     * stored. {@code personal} is the name and phone in the clear, which {@link #profile} takes sealed.
     */
    record Registration(String centre, NationalId nationalId, Profile unsealed, PersonalText personal, Typing typing) {
        Profile profile(PersonalData.Sealed sealed) {
            return new Profile(unsealed.idType(), sealed.name(), sealed.phone(), unsealed.sex(), unsealed.birthDate(),
                    unsealed.weightKg(), unsealed.abo(), unsealed.rhD());
        }
    }

    private final RequestChecks checks;
    private final TypingInput typingInput;

    RegistrationInput(RequestChecks checks, TypingTables tables) {
        this.checks = checks;
        this.typingInput = new TypingInput(tables);
    }

    /** The registration in {@code body}, at its {@code centre}, or at {@code actingCentre} when it names none. */
    Registration read(Fields body, String actingCentre) {
        String centre = body.has("centre") ? checks.centre(body, "centre") : actingCentre;
        IdType idType = DonorKeys.idType(body);
        Sex sex = body.enumValue("sex", Sex.class);
        LocalDate birthDate = checks.notAfterToday(body, "birthDate");
        NationalId nationalId = DonorKeys.nationalId(body, idType);
        nationalId.checkConsistentWith(birthDate, sex);
        Profile profile = new Profile(idType, null, null, sex, birthDate,
                ProfileInput.weight(body), ProfileInput.abo(body), ProfileInput.rhD(body));
        var personal = new PersonalText(body.optionalText("name"), body.optionalText("phone"));
        return new Registration(centre, nationalId, profile, personal, typingInput.read(body));
    }
}
