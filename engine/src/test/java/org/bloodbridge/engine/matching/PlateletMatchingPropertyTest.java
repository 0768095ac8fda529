package org.bloodbridge.engine.matching;

import static org.bloodbridge.engine.matching.Donors.REF;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.CrossReactiveGroups;
import org.bloodbridge.engine.typing.HpaTyping;
import org.bloodbridge.engine.typing.RhD;

class PlateletMatchingPropertyTest {
    private static final List<String> A = List.of("A1", "A2", "A3", "A9", "A11", "A23", "A24", "A2403", "A203", "A26",
            "A30", "A31", "A33", "A*02:01", "A*11:01", "A*24:02", "A*02");
    private static final List<String> B = List.of("B5", "B7", "B13", "B15", "B27", "B2708", "B35", "B40", "B46", "B51",
            "B52", "B5102", "B60", "B61", "B62", "B75", "B*46:01", "B*40:01", "B*83:01", "B*15");
    private static final List<String> ANTIBODIES = List.of("A2", "A9", "A24", "B5", "B7", "B13", "B40", "B51", "B60",
            "B62", "Bw4", "Bw6", "Cw1", "Cw3");
    private static final CrossReactiveGroups GROUPS = CrossReactiveGroups.imgtFamilies(REF.antigens());

    @Provide
    Arbitrary<List<String>> aNames() {
        return Arbitraries.of(A).list().ofMinSize(0).ofMaxSize(2);
    }

    @Provide
    Arbitrary<List<String>> bNames() {
        return Arbitraries.of(B).list().ofMinSize(0).ofMaxSize(2);
    }

    @Provide
    Arbitrary<List<String>> antibodies() {
        return Arbitraries.of(ANTIBODIES).list().ofMaxSize(3);
    }

    private static PlateletRequest request(List<String> patientA, List<String> patientB, List<String> antibodies) {
        return PlateletRequest.compile(REF, GROUPS, new PlateletPatient(Map.of("A", patientA, "B", patientB),
                antibodies, List.of(), Abo.A, RhD.NEG, Sex.F));
    }

    private static DonorMatchProfile donor(List<String> a, List<String> b) {
        Map<String, List<String>> hla = new LinkedHashMap<>();
        hla.put("A", a);
        hla.put("B", b);
        return DonorMatchProfile.of(REF.interpret(hla), HpaTyping.UNTYPED, Abo.O, RhD.POS);
    }

    private static List<String> reversed(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        Collections.reverse(copy);
        return copy;
    }

    @Property
    boolean gradingIsInvariantToTheOrderOfAntigens(@ForAll("aNames") @Size(min = 1) List<String> patientA,
                                                    @ForAll("bNames") @Size(min = 1) List<String> patientB,
                                                    @ForAll("antibodies") List<String> antibodies,
                                                    @ForAll("aNames") List<String> donorA, @ForAll("bNames") List<String> donorB) {
        int evaluation = request(patientA, patientB, antibodies).evaluate(donor(donorA, donorB));
        int permuted = request(reversed(patientA), reversed(patientB), reversed(antibodies))
                .evaluate(donor(reversed(donorA), reversed(donorB)));
        return evaluation == permuted;
    }

    @Property
    boolean addingAnIdenticalAntigenNeverWorsensTheGrade(@ForAll("aNames") @Size(min = 1) List<String> patientA,
                                                          @ForAll("bNames") @Size(min = 1) List<String> patientB,
                                                          @ForAll("aNames") @Size(max = 1) List<String> donorA,
                                                          @ForAll("bNames") List<String> donorB) {
        PlateletRequest request = request(patientA, patientB, List.of());
        List<String> withIdentical = new ArrayList<>(donorA);
        withIdentical.add(patientA.get(0));
        HlaGrade before = Evaluation.grade(request.evaluate(donor(donorA, donorB)));
        HlaGrade after = Evaluation.grade(request.evaluate(donor(withIdentical, donorB)));
        return after.compareTo(before) <= 0;
    }

    @Property
    boolean anExcludedDonorIsNeverRanked(@ForAll("antibodies") List<String> antibodies,
                                          @ForAll @Size(max = 12) List<@Size(2) List<Integer>> donorPicks) {
        PlateletRequest request = request(List.of("A2"), List.of("B46"), antibodies);
        List<PlateletCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < donorPicks.size(); i++) {
            List<Integer> pick = donorPicks.get(i);
            DonorMatchProfile donor = donor(List.of(A.get(Math.floorMod(pick.get(0), A.size()))),
                    List.of(B.get(Math.floorMod(pick.get(1), B.size()))));
            candidates.add(new PlateletCandidate("d" + i, "CD", LocalDate.of(2026, 1, 1), request.evaluate(donor)));
        }
        List<PlateletCandidate> ranked = PlateletCandidate.rank(candidates, "CD");
        return ranked.stream().noneMatch(PlateletCandidate::excluded)
                && ranked.size() == candidates.stream().filter(c -> !c.excluded()).count();
    }

    // Antibodies with an MFI (domain-rules.md section 7).

    private static final List<String> C = List.of("Cw1", "Cw3", "Cw9", "Cw10", "C*01:02", "C*03:04");
    private static final AntibodyCutoffs CUTOFFS = AntibodyCutoffs.DEFAULT;

    @Provide
    Arbitrary<List<String>> cNames() {
        return Arbitraries.of(C).list().ofMinSize(0).ofMaxSize(2);
    }

    @Provide
    Arbitrary<List<Integer>> weakMfi() {
        return Arbitraries.integers().between(0, CUTOFFS.excludeMfi() - 1).list().ofSize(ANTIBODIES.size());
    }

    @Provide
    Arbitrary<List<Integer>> anyMfi() {
        return Arbitraries.integers().between(0, 3 * CUTOFFS.excludeMfi()).list().ofSize(ANTIBODIES.size());
    }

    /** The first {@code antibodies.size()} of {@code mfi}, by index. */
    private static PlateletRequest withMfi(List<String> antibodies, List<Integer> mfi) {
        return PlateletRequest.compile(REF, GROUPS, new PlateletPatient(Map.of("A", List.of("A2"), "B", List.of("B46")),
                antibodies, mfi.subList(0, antibodies.size()), List.of(), Abo.A, RhD.NEG, Sex.F), CUTOFFS);
    }

    private static DonorMatchProfile donor(List<String> a, List<String> b, List<String> c) {
        Map<String, List<String>> hla = new LinkedHashMap<>();
        hla.put("A", a);
        hla.put("B", b);
        if (!c.isEmpty()) {
            hla.put("C", c);
        }
        return DonorMatchProfile.of(REF.interpret(hla), HpaTyping.UNTYPED, Abo.O, RhD.POS);
    }

    /** Below the cut-off nothing is excluded, graded or flagged differently: the candidates are those without antibodies. */
    @Property
    boolean belowTheCutOffTheCandidatesAreThoseWithoutAntibodies(@ForAll("antibodies") List<String> antibodies,
                                                                  @ForAll("weakMfi") List<Integer> mfi,
                                                                  @ForAll("aNames") List<String> donorA,
                                                                  @ForAll("bNames") List<String> donorB,
                                                                  @ForAll("cNames") List<String> donorC) {
        DonorMatchProfile donor = donor(donorA, donorB, donorC);
        return withMfi(antibodies, mfi).evaluate(donor) == withMfi(List.of(), mfi).evaluate(donor);
    }

    /**
     * "Carries" is decided exactly as exclusion decides it: dsaMfi is the sum of the MFI of each
     * below-cut-off antibody that, given by name alone, would exclude the donor.
     */
    @Property
    boolean dsaMfiSumsTheAntibodiesThatWouldExclude(@ForAll("antibodies") List<String> antibodies,
                                                    @ForAll("weakMfi") List<Integer> mfi,
                                                    @ForAll("aNames") List<String> donorA,
                                                    @ForAll("bNames") List<String> donorB,
                                                    @ForAll("cNames") List<String> donorC) {
        DonorMatchProfile donor = donor(donorA, donorB, donorC);
        int expected = 0;
        for (int i = 0; i < antibodies.size(); i++) {
            boolean excludes = Evaluation.excluded(request(List.of("A2"), List.of("B46"), List.of(antibodies.get(i)))
                    .evaluate(donor));
            expected += excludes ? mfi.get(i) : 0;
        }
        return withMfi(antibodies, mfi).dsaMfi(donor) == expected;
    }

    /**
     * Lowering one antibody's MFI never worsens a candidate's rank: no candidate is lost, no dsaMfi
     * rises, and a candidate whose dsaMfi fell (it carries that antigen) ranks no lower. (The MFI
     * stays below the cut-off, or the donors it then admits would push others down.)
     */
    @Property
    boolean loweringAnMfiNeverWorsensACandidatesRank(@ForAll("antibodies") @Size(min = 1) List<String> antibodies,
                                                    @ForAll("anyMfi") List<Integer> mfi,
                                                    @ForAll int which, @ForAll("lowering") int lowerBy,
                                                    @ForAll @Size(max = 12) List<@Size(3) List<Integer>> donorPicks) {
        int index = Math.floorMod(which, antibodies.size());
        List<Integer> lowered = new ArrayList<>(mfi);
        lowered.set(index, Math.max(0, mfi.get(index) - lowerBy));
        boolean staysBelow = mfi.get(index) < CUTOFFS.excludeMfi();
        List<PlateletCandidate> before = candidates(withMfi(antibodies, mfi), donorPicks);
        List<PlateletCandidate> after = candidates(withMfi(antibodies, lowered), donorPicks);
        Map<String, Integer> rankBefore = new LinkedHashMap<>();
        Map<String, PlateletCandidate> byIdBefore = new LinkedHashMap<>();
        for (int i = 0; i < before.size(); i++) {
            rankBefore.put(before.get(i).donorId(), i);
            byIdBefore.put(before.get(i).donorId(), before.get(i));
        }
        Map<String, PlateletCandidate> byIdAfter = new LinkedHashMap<>();
        for (PlateletCandidate c : after) {
            byIdAfter.put(c.donorId(), c);
        }
        if (!byIdAfter.keySet().containsAll(byIdBefore.keySet())) {
            return false;
        }
        if (staysBelow && after.size() != before.size()) {
            return false;
        }
        for (int i = 0; i < after.size(); i++) {
            PlateletCandidate now = after.get(i);
            PlateletCandidate was = byIdBefore.get(now.donorId());
            if (was == null) {
                continue; // admitted by the lowering
            }
            if (now.dsaMfi() > was.dsaMfi()) {
                return false;
            }
            if (staysBelow && now.dsaMfi() < was.dsaMfi() && i > rankBefore.get(now.donorId())) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<Integer> lowering() {
        return Arbitraries.integers().between(1, 3 * CUTOFFS.excludeMfi());
    }

    private static List<PlateletCandidate> candidates(PlateletRequest request, List<List<Integer>> donorPicks) {
        List<PlateletCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < donorPicks.size(); i++) {
            List<Integer> pick = donorPicks.get(i);
            DonorMatchProfile donor = donor(List.of(A.get(Math.floorMod(pick.get(0), A.size()))),
                    List.of(B.get(Math.floorMod(pick.get(1), B.size())), B.get(Math.floorMod(pick.get(2), B.size()))),
                    List.of());
            candidates.add(new PlateletCandidate("d" + i, "CD", LocalDate.of(2026, 1, 1), request.evaluate(donor),
                    request.dsaMfi(donor)));
        }
        return PlateletCandidate.rank(candidates, "CD");
    }
}
