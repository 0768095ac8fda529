package org.bloodbridge.engine.typing;

/**
 * A WHO allele name such as {@code A*02:01:01:02L}: 1 to 4 colon-separated fields and an optional
 * expression suffix ({@code N L S C A Q}, empty when absent).
 */
public record AlleleName(Locus locus, String fields, String suffix) implements HlaName {

    /** The name without the {@code HLA-} prefix, as written in rel_dna_ser.txt after the locus. */
    @Override
    public String toString() {
        return locus.name() + "*" + fields + suffix;
    }
}
