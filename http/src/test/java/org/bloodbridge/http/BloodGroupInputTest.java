package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ABO and RhD read the same way for a donor (registration, PATCH, import line), a patient and the
 * registry search parameter: case-insensitive, through {@link Abo#parse} and {@link RhD#parse}.
 */
class BloodGroupInputTest {

    private static Fields body(String abo, String rhD) {
        return Fields.of(Json.parse("""
                {"abo": "%s", "rhD": "%s", "patient": {"abo": "%s", "rhD": "%s"}}""".formatted(abo, rhD, abo, rhD),
                "the request body"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "AB", "Ab", " aB "})
    void aboIsAcceptedAlikeForDonorPatientAndSearch(String abo) {
        Fields body = body(abo, "neg");
        assertEquals(Abo.AB, ProfileInput.abo(body), "donor");
        assertEquals(Abo.AB, body.optionalObject("patient").optionalAbo("abo"), "patient");
        assertEquals(Abo.AB, Fields.parseAbo(abo, "abo", "abo"), "search parameter");
        assertEquals(RhD.NEG, ProfileInput.rhD(body), "donor");
        assertEquals(RhD.NEG, body.optionalObject("patient").optionalRhD("rhD"), "patient");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C", "ab+", "0"})
    void anythingElseIsRefusedAlikeForDonorPatientAndSearch(String abo) {
        Fields body = body(abo, "positive");
        assertRefused("abo", "abo must be one of O, A, B, AB", () -> ProfileInput.abo(body));
        assertRefused("patient.abo", "abo must be one of O, A, B, AB", () -> body.optionalObject("patient").optionalAbo("abo"));
        assertRefused("abo", "abo must be one of O, A, B, AB", () -> Fields.parseAbo(abo, "abo", "abo"));
        assertRefused("rhD", "rhD must be one of POS, NEG", () -> ProfileInput.rhD(body));
        assertRefused("patient.rhD", "rhD must be one of POS, NEG", () -> body.optionalObject("patient").optionalRhD("rhD"));
    }

    private static void assertRefused(String field, String message, Runnable read) {
        ApiError e = assertThrows(ApiError.class, read::run);
        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
    }
}
