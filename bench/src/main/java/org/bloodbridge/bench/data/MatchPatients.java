package org.bloodbridge.bench.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bloodbridge.engine.typing.HlaReference;

/**
 * Patients of synthetic match requests ({@code org.bloodbridge.bench.MatchLoad}), as the
 * {@code patient} object of {@code POST /api/v1/match-requests}: drawn from the same Han frequency
 * tables as the donors.
 * <ul>
 *   <li>platelets: HLA-A and -B by serology, ABO and RhD at donor frequencies, either sex; 30% with
 *       one or two HLA antibodies (B7, A11, B13, A24, B60, B62, A2, B46, never to an own antigen),
 *       5% with anti-HPA-1a; with {@code mfi} each HLA antibody is an object with a bead-assay MFI
 *       below the exclusion cut-off (500-1,999), so it counts in the donors' dsaMfi instead of
 *       excluding them (domain-rules.md section 7);</li>
 *   <li>red cells: a third anti-Fy(a), a third anti-Jk(a) + anti-Jk(b) (Jk(a-b-) donors), a third an
 *       RhD-negative patient without antibodies; each names only rare phenotypes, so every candidate
 *       is a RARE-panel donor.</li>
 * </ul>
 */
public final class MatchPatients {
    private static final List<String> HLA_ANTIBODIES = List.of("B7", "A11", "B13", "A24", "B60", "B62", "A2", "B46");
    private static final double WITH_HLA_ANTIBODIES = 0.30;
    private static final double WITH_ANTI_HPA_1A = 0.05;

    private final HlaTyper hla;
    private final boolean mfi;

    public MatchPatients(HlaReference reference, boolean mfi) {
        this.hla = new HlaTyper(reference);
        this.mfi = mfi;
    }

    public Map<String, Object> platelets(SplittableRandom random, String reference) {
        Map<String, Object> patient = common(random, reference);
        Map<String, List<String>> typing = hla.serologyAB(random);
        patient.put("hla", typing);
        List<String> own = new ArrayList<>();
        typing.values().forEach(own::addAll);
        List<String> antibodies = new ArrayList<>();
        if (random.nextDouble() < WITH_HLA_ANTIBODIES) {
            int count = 1 + random.nextInt(2);
            for (int tries = 0; antibodies.size() < count && tries < 10; tries++) {
                String antibody = HLA_ANTIBODIES.get(random.nextInt(HLA_ANTIBODIES.size()));
                if (!own.contains(antibody) && !antibodies.contains(antibody)) {
                    antibodies.add(antibody);
                }
            }
        }
        patient.put("hlaAntibodies", mfi
                ? antibodies.stream().map(a -> Map.of("specificity", a, "mfi", 500 + random.nextInt(1500))).toList()
                : antibodies);
        patient.put("hpaAntibodies", random.nextDouble() < WITH_ANTI_HPA_1A ? List.of("HPA-1a") : List.of());
        return patient;
    }

    public Map<String, Object> redCells(SplittableRandom random, String reference) {
        Map<String, Object> patient = common(random, reference);
        switch (random.nextInt(3)) {
            case 0 -> patient.put("redCellAntibodies", List.of("Fy(a)"));
            case 1 -> patient.put("redCellAntibodies", List.of("Jk(a)", "Jk(b)"));
            default -> {
                patient.put("rhD", "NEG");
                patient.put("redCellAntibodies", List.of());
            }
        }
        return patient;
    }

    private static Map<String, Object> common(SplittableRandom random, String reference) {
        Map<String, Object> patient = new LinkedHashMap<>();
        patient.put("reference", reference);
        patient.put("sex", random.nextBoolean() ? "M" : "F");
        patient.put("abo", HanFrequencies.ABO.draw(random));
        patient.put("rhD", random.nextDouble() < HanFrequencies.RHD_NEGATIVE ? "NEG" : "POS");
        return patient;
    }
}
