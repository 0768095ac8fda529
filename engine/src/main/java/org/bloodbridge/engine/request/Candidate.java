package org.bloodbridge.engine.request;

import java.time.LocalDate;
import java.util.List;

/**
 * One ranked donor of a match request and how far their recruitment got. For platelets: the HLA
 * grade with the donor antigens by relation to the patient's, the ABO class ({@code IDENTICAL},
 * {@code MINOR}, {@code MAJOR}, {@code BIDIRECTIONAL}) and flags; for red cells {@code grade} is
 * null, the antigen lists are empty and {@code abo} is {@code IDENTICAL} or {@code COMPATIBLE}.
 * {@code dsaMfi}, {@code dsaWarning} and {@code dsaAntibodies}: the summed MFI of the patient's
 * below-cut-off HLA antibodies against the donor (domain-rules.md section 7), 0, false and empty in
 * events written before antibody strength and for red cells.
 */
public record Candidate(int rank, String donorId, String centre, String grade, List<String> identical,
                        List<String> crossReactive, List<String> mismatched, String abo, boolean rhdWarning,
                        boolean hlaCUntyped, LocalDate eligibleFrom, CandidateState state, int dsaMfi,
                        boolean dsaWarning, List<String> dsaAntibodies) {

    public Candidate {
        identical = List.copyOf(identical);
        crossReactive = List.copyOf(crossReactive);
        mismatched = List.copyOf(mismatched);
        dsaAntibodies = dsaAntibodies == null ? List.of() : List.copyOf(dsaAntibodies);
    }

    /** A candidate no below-cut-off antibody hits. */
    public Candidate(int rank, String donorId, String centre, String grade, List<String> identical,
                     List<String> crossReactive, List<String> mismatched, String abo, boolean rhdWarning,
                     boolean hlaCUntyped, LocalDate eligibleFrom, CandidateState state) {
        this(rank, donorId, centre, grade, identical, crossReactive, mismatched, abo, rhdWarning, hlaCUntyped,
                eligibleFrom, state, 0, false, List.of());
    }

    Candidate in(CandidateState newState) {
        return new Candidate(rank, donorId, centre, grade, identical, crossReactive, mismatched, abo, rhdWarning,
                hlaCUntyped, eligibleFrom, newState, dsaMfi, dsaWarning, dsaAntibodies);
    }

    Candidate ranked(int newRank) {
        return new Candidate(newRank, donorId, centre, grade, identical, crossReactive, mismatched, abo, rhdWarning,
                hlaCUntyped, eligibleFrom, state, dsaMfi, dsaWarning, dsaAntibodies);
    }
}
