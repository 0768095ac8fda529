package org.bloodbridge.bench.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** HPA genotypes (Hardy-Weinberg over the b-allele frequencies) and extended red-cell phenotypes. */
final class BloodGroupTyper {
    /** Older panels were typed before HPA-15 was routinely added. */
    private static final double HPA_15_TYPED = 0.85;

    private BloodGroupTyper() {}

    static Map<String, String> hpa(SplittableRandom random) {
        boolean with15 = random.nextDouble() < HPA_15_TYPED;
        Map<String, String> hpa = new LinkedHashMap<>();
        for (Map.Entry<String, Double> system : HanFrequencies.HPA_B_ALLELE.entrySet()) {
            if (!with15 && system.getKey().equals("HPA-15")) {
                continue;
            }
            boolean b1 = random.nextDouble() < system.getValue();
            boolean b2 = random.nextDouble() < system.getValue();
            hpa.put(system.getKey(), b1 && b2 ? "bb" : b1 || b2 ? "ab" : "aa");
        }
        return hpa;
    }

    /** Rh C/c/E/e, Duffy, Kidd and Diego, each antigen typed {@code +} or {@code -}. */
    static Map<String, String> redCell(SplittableRandom random, boolean rhdNegative) {
        Map<String, String> redCell = new LinkedHashMap<>();
        String ce = (rhdNegative ? HanFrequencies.RH_CE_D_NEGATIVE : HanFrequencies.RH_CE_D_POSITIVE).draw(random);
        redCell.put("C", ce.contains("C") ? "+" : "-");
        redCell.put("c", ce.contains("c") ? "+" : "-");
        redCell.put("E", ce.contains("E") ? "+" : "-");
        redCell.put("e", ce.contains("e") ? "+" : "-");
        pair(redCell, "Fy", HanFrequencies.DUFFY.draw(random));
        pair(redCell, "Jk", HanFrequencies.KIDD.draw(random));
        pair(redCell, "Di", HanFrequencies.DIEGO.draw(random));
        return redCell;
    }

    /** {@code a+b-} -> {@code Fy(a)=+}, {@code Fy(b)=-}. */
    private static void pair(Map<String, String> redCell, String system, String phenotype) {
        redCell.put(system + "(a)", phenotype.substring(1, 2));
        redCell.put(system + "(b)", phenotype.substring(3, 4));
    }
}
