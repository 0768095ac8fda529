package org.bloodbridge.engine.eligibility;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/** Bytes per donor of the facts a shard holds (JOL's deep size, strings included). */
class EligibilityFactsSizeTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-03");

    static {
        // JDK 17 hides the field offsets of java.lang classes from reflection; JOL then finds them itself.
        System.setProperty("jol.magicFieldOffset", "true");
    }

    @Test
    void aRegularDonorTakesAFewHundredBytes() {
        // Ten years of whole blood twice a year, one recent platelet donation, one live deferral,
        // one reactive ALT result (CN defers 180 days), many non-reactive results.
        Donors donor = Donors.donor();
        for (int year = 2016; year <= 2026; year++) {
            donor.donated(year + "-02-01", DonationType.WHOLE_BLOOD).donated(year + "-08-01", DonationType.WHOLE_BLOOD);
            donor.tested(year + "-02-01", Marker.HIV, TestOutcome.NON_REACTIVE);
        }
        donor.donated("2026-10-01", DonationType.PLATELETS_APHERESIS)
                .deferred(new Deferral(LocalDate.parse("2026-11-20"), LocalDate.parse("2027-01-20"), false,
                        "travel to a malaria area", "BJ01"))
                .tested("2026-10-01", Marker.ALT, TestOutcome.REACTIVE);
        EligibilityFacts facts = EligibilityFacts.of(Donors.CN, donor.history(), TODAY, 31);
        long bytes = GraphLayout.parseInstance(facts).totalSize();
        System.out.println("EligibilityFacts of a regular donor: " + bytes + " bytes; " + facts);
        assertTrue(bytes < 600, bytes + " bytes");

        EligibilityFacts newcomer = EligibilityFacts.of(Donors.CN, Donors.donor().history(), TODAY, 1);
        long newcomerBytes = GraphLayout.parseInstance(newcomer).totalSize();
        System.out.println("EligibilityFacts of a donor with no history: " + newcomerBytes + " bytes");
        assertTrue(newcomerBytes < 250, newcomerBytes + " bytes");
    }

    /**
     * What a shard holds per donor: the map entry, the donorId and the facts. 20,000 donors like the
     * eligibility harness's (every fourth with one whole blood donation), and 20,000 regular donors
     * with ten years of history.
     */
    @Test
    void aShardHoldsAboutAQuarterKilobytePerDonor() {
        Random random = new Random(5);
        Map<String, EligibilityFacts> harness = new HashMap<>();
        Map<String, EligibilityFacts> regular = new HashMap<>();
        for (int n = 0; n < 20_000; n++) {
            Donors donor = Donors.donor().born(LocalDate.parse("1980-01-01").plusDays(n % 7000).toString());
            if (n % 4 == 0) {
                donor.donated("2026-09-01", DonationType.WHOLE_BLOOD);
            }
            harness.put(donorId(random), EligibilityFacts.of(Donors.CN, donor.history(), TODAY, 3));
            Donors old = Donors.donor();
            for (int year = 2016; year <= 2026; year++) {
                old.donated(year + "-02-0" + (1 + n % 9), DonationType.WHOLE_BLOOD)
                        .donated(year + "-08-0" + (1 + n % 9), DonationType.WHOLE_BLOOD)
                        .tested(year + "-02-01", Marker.HIV, TestOutcome.NON_REACTIVE);
            }
            regular.put(donorId(random), EligibilityFacts.of(Donors.CN, old.history(), TODAY, 30));
        }
        long harnessBytes = GraphLayout.parseInstance(harness).totalSize() / harness.size();
        long regularBytes = GraphLayout.parseInstance(regular).totalSize() / regular.size();
        System.out.println("shard bytes per donor: harness-like " + harnessBytes + ", ten-year donors " + regularBytes);
        assertTrue(harnessBytes < 400, harnessBytes + " bytes");
        assertTrue(regularBytes < 450, regularBytes + " bytes");
    }

    /** 24 characters, as a donorId is. */
    private static String donorId(Random random) {
        StringBuilder id = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            id.append((char) ('a' + random.nextInt(26)));
        }
        return id.toString();
    }
}
