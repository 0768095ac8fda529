package org.bloodbridge.engine.typing;

/**
 * How the alleles of one locus in rel_dna_ser.txt translate: to at least one antigen
 * ({@code expressed}), only to {@code ?} ({@code noEquivalent}), or only to {@code 0} ({@code nulls}).
 */
public record AlleleCounts(int expressed, int noEquivalent, int nulls) {

    public int total() {
        return expressed + noEquivalent + nulls;
    }
}
