package org.bloodbridge.engine.donor;

import java.time.LocalDate;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * Who the donor is, as registered. {@code idType} is kept (it says how the donorId was derived);
 * the national ID itself never is. Null fields are unknown.
 */
public record Profile(
        IdType idType,
        String name,
        String phone,
        Sex sex,
        LocalDate birthDate,
        Integer weightKg,
        Abo abo,
        RhD rhD) {}
