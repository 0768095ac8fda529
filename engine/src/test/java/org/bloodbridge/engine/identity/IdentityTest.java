package org.bloodbridge.engine.identity;

import org.bloodbridge.engine.InvalidField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityTest {

    @Test
    void theStandardsExampleIsValidAndCarriesBirthDateAndSex() {
        NationalId id = NationalId.parse(IdType.CN_RIC, " 11010519491231002x ");
        assertEquals(LocalDate.of(1949, 12, 31), id.birthDate().orElseThrow());
        assertEquals(Sex.F, id.sex().orElseThrow()); // sequence 002: even
        assertFalse(id.toString().contains("110105"), "toString must not reveal the number");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "110105194912310021, check character",
        "11010519491231002, length",
        "1101051949123100AX, digits",
        "110105194902300027, impossible birth date",
    })
    void rejectsBadResidentIds(String raw, String why) {
        InvalidField e = assertThrows(InvalidField.class, () -> NationalId.parse(IdType.CN_RIC, raw));
        assertEquals("nationalId", e.field());
        assertFalse(e.getMessage().contains(raw), "message must not echo the ID");
    }

    @Test
    void statedBirthDateAndSexMustAgreeWithTheCard() {
        NationalId id = NationalId.parse(IdType.CN_RIC, "11010519491231002X");
        id.checkConsistentWith(LocalDate.of(1949, 12, 31), Sex.F);
        assertEquals("birthDate", assertThrows(InvalidField.class,
                () -> id.checkConsistentWith(LocalDate.of(1949, 12, 30), Sex.F)).field());
        assertEquals("sex", assertThrows(InvalidField.class,
                () -> id.checkConsistentWith(LocalDate.of(1949, 12, 31), Sex.M)).field());
    }

    @Test
    void otherDocumentsAreTrimmedAndUpperCasedOnly() {
        DonorIds ids = new DonorIds("secret");
        assertEquals(ids.donorIdOf(NationalId.parse(IdType.PASSPORT, " e1234567 ")),
                ids.donorIdOf(NationalId.parse(IdType.PASSPORT, "E1234567")));
        NationalId.parse(IdType.OTHER, "anything-goes");
    }

    @Test
    void donorIdIsAStableKeyedPseudonym() {
        NationalId id = NationalId.parse(IdType.CN_RIC, "11010519491231002X");
        String donorId = new DonorIds("secret").donorIdOf(id);
        assertEquals(24, donorId.length());
        assertTrue(DonorIds.isWellFormed(donorId));
        assertEquals(donorId, new DonorIds("secret").donorIdOf(NationalId.parse(IdType.CN_RIC, "11010519491231002x")));
        assertNotEquals(donorId, new DonorIds("other secret").donorIdOf(id));
        assertNotEquals(donorId, new DonorIds("secret").donorIdOf(NationalId.parse(IdType.PASSPORT, "11010519491231002X")));
    }

    @Test
    void donorIdMatchesAnIndependentComputation() throws Exception {
        // HMAC-SHA-256("secret", "CN_RIC:11010519491231002X"), first 15 bytes, base32 via the JDK-free RFC 4648 table.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("secret".getBytes(), "HmacSHA256"));
        byte[] d = mac.doFinal("CN_RIC:11010519491231002X".getBytes());
        StringBuilder bits = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            bits.append(String.format("%8s", Integer.toBinaryString(d[i] & 0xff)).replace(' ', '0'));
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < bits.length(); i += 5) {
            expected.append("abcdefghijklmnopqrstuvwxyz234567".charAt(Integer.parseInt(bits.substring(i, i + 5), 2)));
        }
        assertEquals(expected.toString(),
                new DonorIds("secret").donorIdOf(NationalId.parse(IdType.CN_RIC, "11010519491231002X")));
    }

    @Test
    void dinCheckCharacterFollowsIso7064Mod37_2() {
        assertEquals('H', Din.checkCharacter("G123498654321"));
        assertEquals("G123498654321", Din.validate("g123498654321h"));
        assertEquals("G123498654321", Din.validate("G123498654321"));
    }

    @ParameterizedTest
    @CsvSource({"G123498654321A", "G12349865432", "1123498654321", "G1234986543210H", "G1234A8654321"})
    void rejectsBadDins(String din) {
        assertEquals("din", assertThrows(InvalidField.class, () -> Din.validate(din)).field());
    }
}
