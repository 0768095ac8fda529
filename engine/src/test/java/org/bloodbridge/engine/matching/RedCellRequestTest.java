package org.bloodbridge.engine.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.typing.RedCellAntigens;
import org.bloodbridge.engine.typing.RedCellPhenotype;
import org.bloodbridge.engine.typing.RhD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedCellRequestTest {
    private static final RedCellAntigens RED = RedCellAntigens.loadDefault();
    private static final RedCellPhenotype FY_A_NEG_JK_B_NEG = RedCellPhenotype.parse(Map.of("Fy(a)", "-", "Jk(b)", "-"), RED);

    @ParameterizedTest(name = "donor {0} -> patient {1}: {2}")
    @CsvSource({"O, A, true", "O, AB, true", "A, A, true", "A, AB, true", "B, B, true", "B, AB, true", "AB, AB, true",
            "A, O, false", "A, B, false", "B, A, false", "AB, A, false", "AB, O, false"})
    void aboCompatibilityWithThePatientsPlasma(Abo donor, Abo patient, boolean compatible) {
        RedCellRequest request = RedCellRequest.compile(patient, RhD.POS, List.of(), List.of(), RED);
        assertEquals(compatible, request.compatible(donor, RhD.POS, RedCellPhenotype.UNTYPED));
    }

    @Test
    void rhdNegativePatientsGetRhdNegativeBlood() {
        RedCellRequest request = RedCellRequest.compile(Abo.O, RhD.NEG, List.of(), List.of(), RED);
        assertTrue(request.compatible(Abo.O, RhD.NEG, RedCellPhenotype.UNTYPED));
        assertFalse(request.compatible(Abo.O, RhD.POS, RedCellPhenotype.UNTYPED));
        assertFalse(request.compatible(Abo.O, null, RedCellPhenotype.UNTYPED));
    }

    @Test
    void antibodiesAndRequiredNegativesNeedATypedNegativeDonor() {
        RedCellRequest request = RedCellRequest.compile(Abo.A, RhD.POS, List.of("Fy(a)"), List.of("Jk(b)"), RED);
        assertTrue(request.compatible(Abo.A, RhD.POS, FY_A_NEG_JK_B_NEG));
        assertFalse(request.compatible(Abo.A, RhD.POS, RedCellPhenotype.parse(Map.of("Fy(a)", "-"), RED)));
        assertFalse(request.compatible(Abo.A, RhD.POS, RedCellPhenotype.parse(Map.of("Fy(a)", "+", "Jk(b)", "-"), RED)));
    }

    @Test
    void unknownAntigensNameTheirField() {
        InvalidField e = assertThrows(InvalidField.class,
                () -> RedCellRequest.compile(Abo.A, RhD.POS, List.of("Fy(a)"), List.of("K", "Q(z)"), RED));
        assertEquals("patient.requiredRedCellNegative[1]", e.field());
    }

    @Test
    void rankingAboIdenticalFirstThenCentreThenDateThenDonorId() {
        LocalDate day = LocalDate.of(2026, 11, 25);
        List<RedCellCandidate> expected = List.of(
                new RedCellCandidate("d4", "CD", day.plusDays(5), true),
                new RedCellCandidate("d2", "CQ", day, true),
                new RedCellCandidate("d3", "CQ", day, true),
                new RedCellCandidate("d1", "CQ", day.plusDays(1), true),
                new RedCellCandidate("d0", "CD", day.plusDays(9), false),
                new RedCellCandidate("d5", "CQ", day, false));
        List<RedCellCandidate> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(expected, RedCellCandidate.rank(shuffled, "CD"));
    }
}
