package org.bloodbridge.engine.request;

import java.time.Instant;
import java.util.List;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.outcome.TransfusionOutcome;
import org.bloodbridge.engine.query.MatchCriteria;

/**
 * Everything that happens to a match request; each names the acting centre ({@code by}), the
 * acting person ({@code subject}, the sign-in's subject; null in events recorded before sign-in)
 * and when.
 */
public sealed interface MatchRequestEvent extends CborSerializable {
    String requestId();

    String by();

    Instant at();

    String subject();

    /**
     * The pools were searched: the ranked candidates and which centres answered by the deadline.
     * {@code patientOutcomes}: the patient's earlier transfusion outcomes the ranking used (null in
     * events written before patient memory).
     */
    record Created(String requestId, String by, Instant at, MatchCriteria criteria, List<Candidate> candidates,
                   List<String> centresAnswered, List<String> centresMissing, String subject,
                   List<TransfusionOutcome> patientOutcomes) implements MatchRequestEvent {

        public Created(String requestId, String by, Instant at, MatchCriteria criteria, List<Candidate> candidates,
                       List<String> centresAnswered, List<String> centresMissing, String subject) {
            this(requestId, by, at, criteria, candidates, centresAnswered, centresMissing, subject, null);
        }
    }

    /**
     * A standing request gained a donor who came to qualify after its search (registered, typed,
     * eligible again or released); {@code by} is the requesting centre, {@code subject} null (no person acted).
     * {@code replaces}: the PROPOSED candidate it outranked and took the place of when the request
     * already held {@code maxCandidates} active ones; null when there was room (and in events from before).
     */
    record CandidateAdded(String requestId, String by, Instant at, Candidate candidate, String subject, String replaces)
            implements MatchRequestEvent {

        public CandidateAdded(String requestId, String by, Instant at, Candidate candidate, String subject) {
            this(requestId, by, at, candidate, subject, null);
        }
    }

    /** A candidate was contacted, accepted or declined. */
    record CandidateMoved(String requestId, String by, Instant at, String donorId, CandidateState to, String note,
                          String subject) implements MatchRequestEvent {}

    record Allocated(String requestId, String by, Instant at, String donorId, String collectingCentre, String note,
                     String subject) implements MatchRequestEvent {}

    /** A transfusion of an allocated donor's unit and its count increment (domain-rules.md section 7). */
    record OutcomeRecorded(String requestId, String by, Instant at, TransfusionOutcome outcome, String note,
                           String subject) implements MatchRequestEvent {}

    record Fulfilled(String requestId, String by, Instant at, String note, String subject) implements MatchRequestEvent {}

    record Cancelled(String requestId, String by, Instant at, String note, String subject) implements MatchRequestEvent {}
}
