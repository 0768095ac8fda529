package org.bloodbridge.engine.typing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlaReferenceTest {
    private static final HlaReference REF = HlaReference.loadDefault();

    private static List<String> antigensOf(String allele) {
        int slot = REF.slotTypeOf(HlaName.parse(allele));
        return Arrays.stream(REF.slotTypes().antigens(slot)).mapToObj(REF.antigens()::name).toList();
    }

    @Test
    void shippedFilesAreByteIdenticalToTheSharedRelease() throws IOException {
        Path shared = Path.of("/work/shared/reference/imgt-hla-3.58.0");
        if (!Files.isDirectory(shared)) {
            return; // only checkable where the shared reference is mounted
        }
        for (String file : List.of("rel_dna_ser.txt", "rel_ser_ser.txt", "LICENCE.md", "README.md")) {
            try (InputStream in = getClass().getResourceAsStream("/imgt-hla/3.58.0/" + file)) {
                assertArrayEquals(Files.readAllBytes(shared.resolve(file)), in.readAllBytes(), file);
            }
        }
    }

    private static List<String> shippedRelDnaSer() throws IOException {
        try (InputStream in = HlaReferenceTest.class.getResourceAsStream("/imgt-hla/3.58.0/rel_dna_ser.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
    }

    @Test
    void releaseComesFromTheHeader() {
        assertEquals("3.58.0", REF.release());
    }

    @Test
    void everyAlleleOfTheShippedFileResolvesToWhatItsLineSays() throws IOException {
        List<String> lines = shippedRelDnaSer();
        int checked = 0;
        for (String line : lines) {
            String[] f = line.split(";", -1);
            if (line.startsWith("#") || !List.of("A*", "B*", "C*").contains(f[0])) {
                continue;
            }
            int slot = REF.slotTypeOf(HlaName.parse(f[0] + f[1]));
            String serology = !f[2].isEmpty() ? f[2] : !f[3].isEmpty() ? f[3] : f[4];
            String prefix = f[0].equals("C*") ? "Cw" : f[0].substring(0, 1);
            List<String> expected = Arrays.stream(serology.split("/"))
                    .filter(v -> !v.equals("0") && !v.equals("?")).map(v -> prefix + v).sorted().toList();
            List<String> actual = Arrays.stream(REF.slotTypes().antigens(slot))
                    .mapToObj(REF.antigens()::name).sorted().toList();
            assertEquals(expected, actual, line);
            assertEquals(serology.contains("?"), REF.slotTypes().unknown(slot), line);
            checked++;
        }
        assertEquals(8472 + 10183 + 8570, checked);
    }

    @Test
    void spotChecks() {
        assertEquals(List.of("B60"), antigensOf("B*40:01"));
        assertEquals(List.of("B61"), antigensOf("B*40:02"));
        assertEquals(List.of("A24"), antigensOf("A*24:02"));
        assertEquals(List.of("A210"), antigensOf("A*02:10"));
        assertEquals(List.of("B2708"), antigensOf("B*27:08"));
        assertEquals(Bw.BW6.bit(), REF.antigens().bw(REF.antigens().code("B2708")));
        assertEquals(Bw.BW4.bit(), REF.antigens().bw(REF.antigens().code("B27")));
        assertEquals(List.of(), antigensOf("A*01:01:01:02N"));
        assertEquals(SlotTypes.BLANK, REF.slotTypeOf(HlaName.parse("A*01:01:01:02N")));
        assertTrue(REF.slotTypes().unknown(REF.slotTypeOf(HlaName.parse("B*83:01"))));
        assertEquals(List.of(), antigensOf("B*83:01"));
    }

    @Test
    void aShorterNameCoversLongerNamesFieldByFieldOnly() {
        // A*02:10 is A210; A*02:101:01 (A2) shares the leading characters but not the field.
        assertEquals(List.of("A2"), antigensOf("A*02:101"));
        assertEquals(List.of("A210"), antigensOf("A*02:10"));
        // A*01:01 covers expressed A1 alleles and null ones: it still carries A1.
        assertEquals(List.of("A1"), antigensOf("HLA-A*01:01"));
        // B*15 covers alleles of many antigens: ambiguous, carrying every one of them.
        List<String> b15 = antigensOf("B*15");
        assertTrue(b15.containsAll(List.of("B62", "B63", "B75", "B76", "B77", "B70", "B71", "B72")), b15.toString());
    }

    @Test
    void broadSplitAndAssociatedRelations() {
        HlaAntigens a = REF.antigens();
        assertEquals(List.of("A23", "A24"), names(a.splitsOf(a.code("A9"))));
        assertEquals(List.of("B51", "B52"), names(a.splitsOf(a.code("B5"))));
        assertEquals(List.of("A25", "A26", "A34", "A66"), names(a.splitsOf(a.code("A10"))));
        assertEquals(List.of("A203", "A210"), names(a.associatedWith(a.code("A2"))));
        assertEquals(a.code("B5"), a.familyRoot(a.code("B5102")));
        assertTrue(a.identical(a.code("A9"), a.code("A24")));
        assertEquals(Bw.BW4.bit() | Bw.BW6.bit(), a.bw(a.code("B12")));
        assertEquals(Bw.BW6.bit(), a.bw(a.code("B40")));
        assertEquals(Bw.BW4.bit() | Bw.BW6.bit(), a.bw(a.code("B15")));
    }

    private static List<String> names(List<Integer> codes) {
        return codes.stream().map(REF.antigens()::name).toList();
    }

    @Test
    void loadsAnOperatorReleaseWithASeventhField(@TempDir Path dir) throws IOException {
        Path release = Files.createDirectories(dir.resolve("3.63.0"));
        Path dna = Files.writeString(release.resolve("rel_dna_ser.txt"), String.join("\n",
                "A*;02:01:01:01;2;;;;extra", "A*;24:02:01:01;24;;;;", "B*;40:01:01;60;;;;x", "B*;83:01;?;;;;",
                "C*;01:02:01;1;;;;", "DRB1*;01:01:01;1;;;;") + "\n");
        Path ser = Files.writeString(release.resolve("rel_ser_ser.txt"), "A;9;23/24;\nB;40;60/61;\nB;5;51/52;\n");
        HlaReference newer = HlaReference.load(dna, ser);
        assertEquals("3.63.0", newer.release());
        HlaTyping typing = newer.interpret(Map.of("A", List.of("A*02:01", "A*24:02"), "B", List.of("B*40:01")));
        assertEquals(List.of("A2", "A24"), typing.antigens().get("A"));
        assertEquals(List.of("Bw4", "Bw6"), typing.bw());
    }

    @Test
    void aMalformedReleaseIsRefused(@TempDir Path dir) throws IOException {
        Path dna = Files.writeString(dir.resolve("rel_dna_ser.txt"), "A*;02:01;2\n");
        Path ser = Files.writeString(dir.resolve("rel_ser_ser.txt"), "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HlaReference.load(dna, ser));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }
}
