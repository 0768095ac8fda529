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
 * events written before antibody strength and for red cells. {@code earlierCci} and
 * {@code poorResponder}: the donor's earlier outcome in this patient and whether any CCI of theirs
 * in this patient was poor (section 7, patient memory); null and false without one.
 */
public record Candidate(int rank, String donorId, String centre, String grade, List<String> identical,
                        List<String> crossReactive, List<String> mismatched, String abo, boolean rhdWarning,
                        boolean hlaCUntyped, LocalDate eligibleFrom, CandidateState state, int dsaMfi,
                        boolean dsaWarning, List<String> dsaAntibodies, EarlierCci earlierCci,
                        boolean poorResponder) {

    public Candidate {
        identical = List.copyOf(identical);
        crossReactive = List.copyOf(crossReactive);
        mismatched = List.copyOf(mismatched);
        dsaAntibodies = dsaAntibodies == null ? List.of() : List.copyOf(dsaAntibodies);
    }

    /** A candidate without an earlier outcome in this patient. */
    public Candidate(int rank, String donorId, String centre, String grade, List<String> identical,
                     List<String> crossReactive, List<String> mismatched, String abo, boolean rhdWarning,
                     boolean hlaCUntyped, LocalDate eligibleFrom, CandidateState state, int dsaMfi,
                     boolean dsaWarning, List<String> dsaAntibodies) {
        this(rank, donorId, centre, grade, identical, crossReactive, mismatched, abo, rhdWarning, hlaCUntyped,
                eligibleFrom, state, dsaMfi, dsaWarning, dsaAntibodies, null, false);
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
                hlaCUntyped, eligibleFrom, newState, dsaMfi, dsaWarning, dsaAntibodies, earlierCci, poorResponder);
    }

    Candidate ranked(int newRank) {
        return new Candidate(newRank, donorId, centre, grade, identical, crossReactive, mismatched, abo, rhdWarning,
                hlaCUntyped, eligibleFrom, state, dsaMfi, dsaWarning, dsaAntibodies, earlierCci, poorResponder);
    }
}
