package org.bloodbridge.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bloodbridge.engine.identity.Din;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.NationalId;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.HlaReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImportLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DONORS = 20_000;
    private static List<JsonNode> lines;

    @BeforeAll
    static void generate() throws Exception {
        lines = new ArrayList<>();
        for (String line : Generated.ndjson(Generated.config(DONORS, 11)).split("\n")) {
            lines.add(JSON.readTree(line));
        }
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDiffers() {
        String first = Generated.ndjson(Generated.config(2_000, 5));
        assertEquals(first, Generated.ndjson(Generated.config(2_000, 5)));
        assertNotEquals(first, Generated.ndjson(Generated.config(2_000, 6)));
    }

    @Test
    void oneObjectPerLineWithTheRequiredFields() {
        assertEquals(DONORS, lines.size());
        for (JsonNode line : lines) {
            assertTrue(line.isObject());
            for (String field : List.of("centre", "nationalId", "sex", "birthDate", "registeredOn")) {
                assertTrue(line.path(field).isTextual(), field + " missing in " + line);
            }
            assertTrue(FederationConfig.DEFAULT_CENTRES.contains(line.get("centre").asText()));
        }
    }

    @Test
    void nationalIdsAreValidUniqueAndAgreeWithBirthDateAndSex() {
        Set<String> seen = new HashSet<>();
        for (JsonNode line : lines) {
            String raw = line.get("nationalId").asText();
            LocalDate birth = LocalDate.parse(line.get("birthDate").asText());
            NationalId id = NationalId.parse(IdType.CN_RIC, raw);
            id.checkConsistentWith(birth, Sex.valueOf(line.get("sex").asText()));
            assertTrue(seen.add(raw), "duplicate national ID " + raw);
            int age = Period.between(birth, Generated.AS_OF).getYears();
            assertTrue(age >= 18 && age <= 60, "age " + age);
        }
    }

    @Test
    void everyHlaNameIsKnownToImgt() {
        HlaReference reference = HlaReference.loadDefault();
        int typed = 0;
        for (JsonNode line : lines) {
            if (line.has("hla")) {
                Map<String, List<String>> hla = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> locus : line.get("hla").properties()) {
                    List<String> names = new ArrayList<>();
                    locus.getValue().forEach(name -> names.add(name.asText()));
                    hla.put(locus.getKey(), names);
                }
                assertFalse(reference.interpret(hla).antigens().get("A").isEmpty(), hla::toString);
                typed++;
            }
        }
        assertTrue(typed > DONORS / 20);
    }

    @Test
    void dinsAreValidAndUnique() {
        Set<String> seen = new HashSet<>();
        for (JsonNode line : lines) {
            for (JsonNode donation : line.path("donations")) {
                String din = donation.get("din").asText();
                assertEquals(14, din.length());
                Din.validate(din);
                assertTrue(seen.add(din), "duplicate DIN " + din);
            }
        }
        assertTrue(seen.size() > DONORS);
    }

    @Test
    void historyLiesBetweenRegistrationAndTheAsOfDate() {
        for (JsonNode line : lines) {
            LocalDate registered = LocalDate.parse(line.get("registeredOn").asText());
            LocalDate birth = LocalDate.parse(line.get("birthDate").asText());
            assertFalse(registered.isBefore(birth.plusYears(18)));
            for (String array : List.of("donations", "testResults")) {
                for (JsonNode event : line.path(array)) {
                    LocalDate date = LocalDate.parse(event.get("date").asText());
                    assertFalse(date.isBefore(registered) || date.isAfter(Generated.AS_OF), line::toString);
                }
            }
            for (JsonNode deferral : line.path("deferrals")) {
                LocalDate from = LocalDate.parse(deferral.get("from").asText());
                assertFalse(from.isAfter(Generated.AS_OF));
                assertTrue(deferral.path("permanent").asBoolean() || deferral.path("until").isTextual());
            }
        }
    }
}
