package org.bloodbridge.engine.typing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Abo#parse} and {@link RhD#parse}: the one reading of ABO and RhD, case-insensitive everywhere. */
class BloodGroupParseTest {

    @ParameterizedTest
    @CsvSource({"O,O", "o,O", "A,A", "a,A", "B,B", "b,B", "AB,AB", "ab,AB", "aB,AB", "' AB ',AB"})
    void aboIsReadWhateverTheCase(String text, Abo expected) {
        assertEquals(expected, Abo.parse(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"C", "0", "ABO", "A+", "A B"})
    void anythingElseIsNoAbo(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Abo.parse(text));
        assertEquals("ABO must be one of O, A, B, AB", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"POS,POS", "pos,POS", "Neg,NEG", "' neg ',NEG"})
    void rhDIsReadWhateverTheCase(String text, RhD expected) {
        assertEquals(expected, RhD.parse(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"+", "-", "POSITIVE", "D"})
    void anythingElseIsNoRhD(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> RhD.parse(text));
        assertEquals("RhD must be one of POS, NEG", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"O", "A", "B", "AB"})
    void aboIsWrittenAsItsUpperCaseName(String name) {
        assertEquals(name, Abo.parse(name.toLowerCase()).name());
    }
}
