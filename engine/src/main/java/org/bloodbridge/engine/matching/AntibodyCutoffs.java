package org.bloodbridge.engine.matching;

/**
 * The MFI thresholds of HLA antibodies given with a strength (domain-rules.md section 7), as plain
 * values: an antibody at or above {@code excludeMfi} excludes as in section 4, one below it only adds
 * its MFI to the {@code dsaMfi} of the donors carrying its antigen, and a candidate whose
 * {@code dsaMfi} reaches {@code warningMfi} is flagged.
 */
public record AntibodyCutoffs(int excludeMfi, int warningMfi) {
    /** The defaults of {@code bloodbridge.matching.antibody} in the engine's reference.conf. */
    public static final AntibodyCutoffs DEFAULT = new AntibodyCutoffs(2000, 10_000);

    public AntibodyCutoffs {
        if (excludeMfi < 0 || warningMfi < 0) {
            throw new IllegalArgumentException("MFI cut-offs are not negative: exclude " + excludeMfi + ", warning " + warningMfi);
        }
    }
}
