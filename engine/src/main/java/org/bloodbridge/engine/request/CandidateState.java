package org.bloodbridge.engine.request;

/** A candidate's recruitment: {@code PROPOSED -> CONTACTED -> ACCEPTED | DECLINED} (domain-rules.md section 6). */
public enum CandidateState {
    PROPOSED,
    CONTACTED,
    ACCEPTED,
    DECLINED;

    public boolean canMoveTo(CandidateState next) {
        return (this == PROPOSED && next == CONTACTED) || (this == CONTACTED && (next == ACCEPTED || next == DECLINED));
    }
}
