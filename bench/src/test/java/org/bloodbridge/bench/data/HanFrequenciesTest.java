package org.bloodbridge.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.typing.HlaReference;
import org.junit.jupiter.api.Test;

class HanFrequenciesTest {
    @Test
    void everyTabledAlleleIsKnownToImgtAtItsLocus() {
        HlaReference reference = HlaReference.loadDefault();
        for (WeightedTable table : List.of(HanFrequencies.HLA_A, HanFrequencies.HLA_B, HanFrequencies.HLA_C)) {
            for (String allele : table.names()) {
                String locus = allele.substring(0, 1);
                assertEquals(1, reference.interpret(Map.of(locus, List.of(allele))).antigens().size(), allele);
            }
        }
    }

    @Test
    void weightsAreNormalised() {
        assertEquals(1.0, HanFrequencies.HLA_B.shareStartingWith("B*"), 1e-9);
        assertEquals(0.30, HanFrequencies.ABO.shareStartingWith("O"), 1e-9);
    }
}
