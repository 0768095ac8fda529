package org.bloodbridge.engine.pool;

import static org.bloodbridge.engine.pool.Summaries.CENTRE;
import static org.bloodbridge.engine.pool.Summaries.TABLES;
import static org.bloodbridge.engine.pool.Summaries.TODAY;
import static org.bloodbridge.engine.pool.Summaries.donor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.matching.DonorMatchProfile;
import org.bloodbridge.engine.matching.Evaluation;
import org.bloodbridge.engine.matching.PlateletCandidate;
import org.bloodbridge.engine.matching.PlateletPatient;
import org.bloodbridge.engine.matching.PlateletRequest;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.CrossReactiveGroups;
import org.bloodbridge.engine.typing.HpaTyping;
import org.bloodbridge.engine.typing.RhD;

class PoolIndexPropertyTest {
    private static final List<String> A = List.of("A2", "A24", "A11", "A33", "A1", "A*02:01");
    private static final List<String> B = List.of("B46", "B60", "B13", "B7", "B58", "B*46:01");
    private static final CrossReactiveGroups GROUPS = CrossReactiveGroups.imgtFamilies(TABLES.hla().antigens());

    /**
     * After random upserts (updates, stale and repeated seqNrs among them), findPlatelets returns
     * exactly the brute-force ranking of every qualifying donor's latest summary, cut at k.
     */
    @Property(tries = 200)
    boolean topKEqualsTheFullSortTruncated(@ForAll long seed, @ForAll @IntRange(min = 0, max = 150) int upserts,
                                           @ForAll @IntRange(min = 1, max = 30) int k) {
        Random random = new Random(seed);
        PoolIndex index = new PoolIndex(CENTRE, TABLES);
        Map<String, DonorSummary> latest = new HashMap<>();
        for (int i = 0; i < upserts; i++) {
            String id = "d" + random.nextInt(Math.max(1, upserts / 2));
            DonorSummary summary = randomSummary(id, 1 + random.nextInt(5), random);
            DonorSummary held = latest.get(id);
            boolean applies = held == null || held.seqNr() < summary.seqNr();
            if (index.upsert(summary) != applies) {
                return false;
            }
            if (applies) {
                latest.put(id, summary);
            }
        }
        // HLA antibodies by name, or with an MFI below or above the exclusion cut-off (dsaMfi ranks)
        List<String> antibodies = new ArrayList<>();
        List<Integer> mfi = new ArrayList<>();
        for (String antibody : List.of("B7", "A2", "B5", "B60", "Bw4", "Bw6", "A9")) {
            if (random.nextInt(3) == 0) {
                antibodies.add(antibody);
                mfi.add(random.nextInt(4) == 0 ? null : random.nextInt(2500));
            }
        }
        PlateletRequest request = PlateletRequest.compile(TABLES.hla(), GROUPS, new PlateletPatient(
                Summaries.hla(pick(A, random) + " " + pick(A, random) + " " + pick(B, random) + " " + pick(B, random)),
                antibodies, mfi, random.nextBoolean() ? List.of("HPA-1b") : List.of(),
                pickAbo(random), random.nextBoolean() ? RhD.NEG : RhD.POS, random.nextBoolean() ? Sex.F : Sex.M));
        LocalDate neededBy = TODAY.plusDays(random.nextInt(6));

        List<PlateletCandidate> all = new ArrayList<>();
        for (DonorSummary donor : latest.values()) {
            boolean onPanel = donor.typing().hla().containsKey("A") && donor.typing().hla().containsKey("B");
            if (!onPanel || donor.reservedFor() != null || donor.eligiblePlatelets() == null
                    || donor.eligiblePlatelets().isAfter(neededBy)) {
                continue;
            }
            DonorMatchProfile profile = DonorMatchProfile.of(TABLES.hla().interpret(donor.typing().hla()),
                    HpaTyping.parse(donor.typing().hpa()), donor.abo(), donor.rhD());
            LocalDate eligibleFrom = donor.eligiblePlatelets().isBefore(TODAY) ? TODAY : donor.eligiblePlatelets();
            all.add(new PlateletCandidate(donor.donorId(), CENTRE, eligibleFrom, request.evaluate(profile),
                    request.dsaMfi(profile)));
        }
        List<PlateletCandidate> expected = PlateletCandidate.rank(all, CENTRE);
        expected = expected.subList(0, Math.min(k, expected.size()));
        List<PlateletCandidate> found = index.findPlatelets(request, neededBy, TODAY, k);
        return found.equals(expected) && found.stream().noneMatch(c -> Evaluation.excluded(c.evaluation()));
    }

    private static DonorSummary randomSummary(String id, long seqNr, Random random) {
        String hla = pick(A, random) + (random.nextInt(4) == 0 ? "" : " " + pick(A, random))
                + (random.nextInt(10) == 0 ? "" : " " + pick(B, random) + " " + pick(B, random));
        Abo abo = pickAbo(random);
        int rhD = random.nextInt(3);
        return donor(id).seqNr(seqNr).hla(hla)
                .hpa(random.nextInt(5) == 0 ? Map.of() : Map.of("HPA-1", random.nextBoolean() ? "aa" : "ab"))
                .abo(abo == null ? null : abo.name())
                .rhD(rhD == 0 ? null : rhD == 1 ? "POS" : "NEG")
                .eligiblePlatelets(random.nextInt(8) == 0 ? null : TODAY.plusDays(random.nextInt(16) - 5))
                .reservedFor(random.nextInt(10) == 0 ? "req" : null)
                .build();
    }

    private static Abo pickAbo(Random random) {
        int abo = random.nextInt(5);
        return abo == 4 ? null : Abo.values()[abo];
    }

    private static String pick(List<String> names, Random random) {
        return names.get(random.nextInt(names.size()));
    }
}
