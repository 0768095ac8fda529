package org.bloodbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Map;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.NationalId;
import org.bloodbridge.engine.typing.Abo;
import org.junit.jupiter.api.Test;

class SeedSummariesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

    @Test
    void aLineBecomesTheSummaryOfTheDonorTheServerWouldKnowByTheSameId() throws Exception {
        String line = """
                {"centre":"ZG","idType":"CN_RIC","nationalId":"500103198507124563","sex":"F","birthDate":"1985-07-12",
                 "abo":"A","rhD":"POS","redCell":{"Fy(a)":"+","Fy(b)":"-"},"registeredOn":"2021-04-02",
                 "donations":[{"type":"WHOLE_BLOOD","date":"2026-06-01","volumeMl":400}]}""";
        DonorIds ids = new DonorIds(Harness.DEV_SECRET);
        DonorSummary s = SeedSummaries.summaryOf(JSON.readTree(line), ids, AS_OF);

        assertEquals(ids.donorIdOf(NationalId.parse(IdType.CN_RIC, "500103198507124563")), s.donorId());
        assertEquals("ZG", s.homeCentre());
        assertEquals(1, s.seqNr());
        assertEquals(Map.of("Fy(a)", "+", "Fy(b)", "-"), s.typing().redCell());
        assertTrue(s.typing().hla().isEmpty());
        assertEquals(Abo.A, s.abo());
        assertEquals(AS_OF, s.eligiblePlatelets());
        assertEquals(AS_OF, s.eligibleWholeBlood());
        assertEquals(LocalDate.of(2021, 4, 2), s.registeredOn());
        assertNull(s.hlaTypedOn());
        assertEquals(LocalDate.of(2021, 4, 2), s.redCellTypedOn());
        assertNull(s.permanentlyDeferredOn());
        assertNull(s.reservedFor());
    }

    @Test
    void aPermanentDeferralLeavesNoEligibleDate() throws Exception {
        String line = """
                {"centre":"CD","nationalId":"500103198507124563","sex":"F","birthDate":"1985-07-12","registeredOn":"2021-04-02",
                 "deferrals":[{"reason":"x","from":"2024-03-01","until":"2024-09-01"},{"reason":"y","from":"2025-01-05","permanent":true}]}""";
        DonorSummary s = SeedSummaries.summaryOf(JSON.readTree(line), new DonorIds("s"), AS_OF);
        assertEquals(LocalDate.of(2025, 1, 5), s.permanentlyDeferredOn());
        assertNull(s.eligiblePlatelets());
        assertNull(s.eligibleWholeBlood());
        assertNull(s.redCellTypedOn());
    }
}
