package org.bloodbridge.bench.data;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bloodbridge.engine.typing.HlaReference;

/**
 * Types a platelet-panel donor for HLA-A and -B (and some for HLA-C), either by DNA (2-field alleles,
 * both slots listed even when homozygous) or by serology (the allele's antigen from IMGT/HLA
 * rel_dna_ser; a homozygous locus lists one antigen, as a serology lab reports it).
 */
final class HlaTyper {
    private static final double DNA_TYPED = 0.65;
    private static final double C_TYPED_WHEN_DNA = 0.6;
    private static final double C_TYPED_WHEN_SEROLOGY = 0.2;

    /** Allele -> its single serological antigen, or absent when IMGT gives none or several. */
    private final Map<String, String> serology = new HashMap<>();

    HlaTyper(HlaReference reference) {
        for (WeightedTable table : List.of(HanFrequencies.HLA_A, HanFrequencies.HLA_B, HanFrequencies.HLA_C)) {
            for (String allele : table.names()) {
                String locus = allele.substring(0, 1);
                List<String> antigens = reference.interpret(Map.of(locus, List.of(allele))).antigens().get(locus);
                if (antigens != null && antigens.size() == 1) {
                    serology.put(allele, antigens.get(0));
                }
            }
        }
    }

    Map<String, List<String>> type(SplittableRandom random) {
        boolean dna = random.nextDouble() < DNA_TYPED;
        Map<String, List<String>> hla = new LinkedHashMap<>();
        hla.put("A", locus(random, HanFrequencies.HLA_A, dna));
        hla.put("B", locus(random, HanFrequencies.HLA_B, dna));
        if (random.nextDouble() < (dna ? C_TYPED_WHEN_DNA : C_TYPED_WHEN_SEROLOGY)) {
            hla.put("C", locus(random, HanFrequencies.HLA_C, dna));
        }
        return hla;
    }

    /** HLA-A and -B of a patient as a serology lab reports them (a homozygous locus lists one antigen). */
    Map<String, List<String>> serologyAB(SplittableRandom random) {
        Map<String, List<String>> hla = new LinkedHashMap<>();
        hla.put("A", locus(random, HanFrequencies.HLA_A, false));
        hla.put("B", locus(random, HanFrequencies.HLA_B, false));
        return hla;
    }

    private List<String> locus(SplittableRandom random, WeightedTable alleles, boolean dna) {
        String first = alleles.draw(random);
        String second = alleles.draw(random);
        if (dna) {
            return List.of(first, second);
        }
        // An allele without one serological equivalent is reported by DNA, as a lab would resolve it.
        String one = serology.getOrDefault(first, first);
        String two = serology.getOrDefault(second, second);
        return one.equals(two) ? List.of(one) : List.of(one, two);
    }
}
