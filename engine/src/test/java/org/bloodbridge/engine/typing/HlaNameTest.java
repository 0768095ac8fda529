package org.bloodbridge.engine.typing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HlaNameTest {

    @Test
    void parsesAlleleNamesOfOneToFourFieldsWithPrefixAndSuffix() {
        assertEquals(new AlleleName(Locus.A, "02", ""), HlaName.parse("A*02"));
        assertEquals(new AlleleName(Locus.A, "02:01", ""), HlaName.parse("HLA-A*02:01"));
        assertEquals(new AlleleName(Locus.B, "15:01:01", ""), HlaName.parse("B*15:01:01"));
        assertEquals(new AlleleName(Locus.A, "01:01:01:02", "N"), HlaName.parse("A*01:01:01:02N"));
        assertEquals(new AlleleName(Locus.C, "12:139", "Q"), HlaName.parse(" C*12:139Q "));
        assertEquals("A*24:02:01:02L", HlaName.parse("A*24:02:01:02L").toString());
    }

    @Test
    void parsesSerologicalNamesAndPublicEpitopes() {
        assertEquals(new SerologyName(Locus.A, "2"), HlaName.parse("A2"));
        assertEquals(new SerologyName(Locus.A, "2403"), HlaName.parse("A2403"));
        assertEquals(new SerologyName(Locus.B, "46"), HlaName.parse("B46"));
        assertEquals(new SerologyName(Locus.C, "1"), HlaName.parse("Cw1"));
        assertEquals("Cw10", HlaName.parse("Cw10").toString());
        assertEquals(Bw.BW4, HlaName.parse("Bw4"));
        assertEquals(Bw.BW6, HlaName.parse("Bw6"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "DRB1*01:01      | locus DRB1",
            "X-*01:01        | before '*'",
            "A*02:01:01:01:01| 5 fields",
            "A*2:01          | field 1 ('2')",
            "A*02:1          | field 2 ('1')",
            "A*02:01Z        | expression suffix 'Z'",
            "A*02:          | field 2 ('')",
            "C1              | written Cw1",
            "Bw5             | not a public epitope",
            "A02             | must not start with 0",
            "hello           | neither a WHO allele name",
            "\"   \"         | empty"})
    void rejectsMalformedNamesSayingWhichPartIsWrong(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HlaName.parse(text));
        assertTrue(e.getMessage().contains(expected.strip()), e.getMessage());
    }
}
