package org.bloodbridge.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void splitWritesTheSameLinesCandidatesToOneFileTheRestToTheOther(@TempDir Path dir) throws Exception {
        String[] common = {"--donors", "5000", "--seed", "3", "--centres", "CD,CQ,ZG,PZ", "--as-of", "2026-11-25"};
        Path all = dir.resolve("all.ndjson");
        Path candidates = dir.resolve("candidates.ndjson");
        Path rest = dir.resolve("rest.ndjson");
        GenerateFederation.main(concat(common, "--out", all.toString()));
        GenerateFederation.main(concat(common, "--split", candidates.toString(), rest.toString()));

        List<String> candidateLines = Files.readAllLines(candidates);
        List<String> restLines = Files.readAllLines(rest);
        List<String> merged = new ArrayList<>();
        int c = 0;
        int r = 0;
        for (String line : Files.readAllLines(all)) {
            boolean candidate = candidate(JSON.readTree(line));
            assertEquals(line, candidate ? candidateLines.get(c++) : restLines.get(r++));
            merged.add(line);
        }
        assertEquals(candidateLines.size(), c);
        assertEquals(restLines.size(), r);
        assertEquals(5000, merged.size());
        assertTrue(c > 400 && c < 650, "about 10.5% candidates, got " + c);
        for (String line : restLines) {
            assertFalse(candidate(JSON.readTree(line)), line);
        }
    }

    /** On the PLATELET panel (HLA-A and -B typed) or a rare red-cell pattern. */
    private static boolean candidate(JsonNode line) {
        JsonNode hla = line.path("hla");
        JsonNode redCell = line.path("redCell");
        return (hla.has("A") && hla.has("B")) || "NEG".equals(line.path("rhD").asText())
                || "-".equals(redCell.path("Fy(a)").asText())
                || ("-".equals(redCell.path("Jk(a)").asText()) && "-".equals(redCell.path("Jk(b)").asText()))
                || "-".equals(redCell.path("Di(b)").asText());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
