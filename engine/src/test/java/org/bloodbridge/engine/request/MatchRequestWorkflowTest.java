package org.bloodbridge.engine.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.query.MatchCriteria;
import org.bloodbridge.engine.query.Patient;
import org.bloodbridge.engine.query.Product;
import org.bloodbridge.engine.query.Urgency;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;
import org.junit.jupiter.api.Test;

/** The workflow of domain-rules.md section 6 on the pure request state. */
class MatchRequestWorkflowTest {
    private static final Instant AT = Instant.parse("2026-11-25T02:00:00Z");
    private static final MatchCriteria CRITERIA = new MatchCriteria("CD", "West China Hospital",
            Product.PLATELETS_APHERESIS, 1, Urgency.EMERGENCY, LocalDate.of(2026, 11, 26),
            new Patient("P-1", Sex.F, Abo.A, RhD.POS, Map.of("A", List.of("A2", "A24"), "B", List.of("B46", "B60")),
                    List.of(), List.of(), List.of(), List.of()), 20, 2000);

    private static Candidate candidate(int rank, String donorId) {
        return new Candidate(rank, donorId, "CQ", "A", List.of("A2", "A24", "B46", "B60"), List.of(), List.of(),
                "IDENTICAL", false, false, LocalDate.of(2026, 11, 25), CandidateState.PROPOSED);
    }

    private static MatchRequest created(List<Candidate> candidates) {
        return MatchRequest.created(new MatchRequestEvent.Created("r1", "CD", AT, CRITERIA, candidates,
                List.of("CD", "CQ"), List.of(), "u-cd"));
    }

    private static MatchRequest move(MatchRequest request, String donorId, CandidateState to) {
        assertEquals(java.util.Optional.empty(), request.refusalToMove(donorId, to));
        return request.apply(new MatchRequestEvent.CandidateMoved("r1", "CQ", AT, donorId, to, null, "u-cq"));
    }

    private static String refusal(java.util.Optional<Refusal> refusal) {
        assertTrue(refusal.isPresent(), "expected a refusal");
        return refusal.get().error();
    }

    @Test
    void aRequestGoesFromCandidatesToFulfilledThroughContactAcceptAndAllocation() {
        MatchRequest request = created(List.of(candidate(1, "d1"), candidate(2, "d2")));
        assertEquals(RequestStatus.CANDIDATES_FOUND, request.status());

        assertEquals("invalid_transition", refusal(request.refusalToMove("d1", CandidateState.ACCEPTED)),
                "a candidate is contacted before accepting");
        assertEquals("invalid_transition", refusal(request.refusalToAllocate("d1")));
        assertEquals("invalid_transition", refusal(request.refusalToFulfil()));

        request = move(request, "d1", CandidateState.CONTACTED);
        assertEquals(RequestStatus.RECRUITING, request.status(), "the first contact starts recruiting");
        assertEquals("invalid_transition", refusal(request.refusalToAllocate("d1")), "only an accepted donor is allocated");
        request = move(request, "d1", CandidateState.ACCEPTED);
        assertEquals("invalid_transition", refusal(request.refusalToMove("d1", CandidateState.DECLINED)));

        assertTrue(request.refusalToAllocate("d1").isEmpty());
        request = request.apply(new MatchRequestEvent.Allocated("r1", "CQ", AT, "d1", "CQ", null, "u-cq"));
        assertEquals(RequestStatus.ALLOCATED, request.status());
        assertEquals("invalid_transition", refusal(request.refusalToAllocate("d1")), "allocated once");

        request = move(request, "d2", CandidateState.CONTACTED);
        request = move(request, "d2", CandidateState.ACCEPTED);
        assertEquals("invalid_transition", refusal(request.refusalToAllocate("d2")), "one unit was asked for");

        assertTrue(request.refusalToFulfil().isEmpty());
        request = request.apply(new MatchRequestEvent.Fulfilled("r1", "CD", AT, "transfused", "u-cd"));
        assertEquals(RequestStatus.FULFILLED, request.status());
        assertEquals("invalid_transition", refusal(request.refusalToCancel()), "a fulfilled request cannot be cancelled");
        assertEquals("invalid_transition", refusal(request.refusalToMove("d2", CandidateState.DECLINED)));
        assertEquals(List.of("CREATED", "CONTACTED", "ACCEPTED", "ALLOCATED", "CONTACTED", "ACCEPTED", "FULFILLED"),
                request.events().stream().map(WorkflowEntry::type).toList());
    }

    @Test
    void aDeclinedCandidateStaysDeclinedAndAnUnknownDonorIsNotFound() {
        MatchRequest request = move(created(List.of(candidate(1, "d1"))), "d1", CandidateState.CONTACTED);
        request = move(request, "d1", CandidateState.DECLINED);
        assertEquals(CandidateState.DECLINED, request.candidate("d1").orElseThrow().state());
        assertEquals("invalid_transition", refusal(request.refusalToMove("d1", CandidateState.ACCEPTED)));
        assertEquals("not_found", refusal(request.refusalToMove("nobody", CandidateState.CONTACTED)));
        assertEquals("not_found", refusal(request.refusalToAllocate("nobody")));
    }

    @Test
    void aRequestWithoutCandidatesCanOnlyBeCancelled() {
        MatchRequest request = created(List.of());
        assertEquals(RequestStatus.NO_CANDIDATES, request.status());
        assertEquals("invalid_transition", refusal(request.refusalToFulfil()));
        assertTrue(request.refusalToCancel().isEmpty());
        request = request.apply(new MatchRequestEvent.Cancelled("r1", "CD", AT, null, "u-cd"));
        assertEquals(RequestStatus.CANCELLED, request.status());
        assertEquals("invalid_transition", refusal(request.refusalToCancel()), "cancelled once");
    }

    /** Section 7: a standing request appends donors who qualify later, up to maxCandidates still active. */
    @Test
    void aStandingRequestAppendsNewCandidatesUpToMaxCandidatesActiveOnes() {
        MatchCriteria standing = new MatchCriteria("CD", null, Product.PLATELETS_APHERESIS, 1, Urgency.ROUTINE,
                LocalDate.of(2026, 11, 26), CRITERIA.patient(), 2, 2000, true);
        MatchRequest request = MatchRequest.created(new MatchRequestEvent.Created("r1", "CD", AT, standing, List.of(),
                List.of("CD", "CQ"), List.of(), "u-cd"));
        assertEquals(RequestStatus.NO_CANDIDATES, request.status());
        assertTrue(request.takesNewCandidate("d1"));
        assertFalse(created(List.of()).takesNewCandidate("d1"), "a one-off request takes nobody later");

        Instant later = AT.plusSeconds(60);
        request = request.apply(new MatchRequestEvent.CandidateAdded("r1", "CD", later, candidate(1, "d1"), null));
        assertEquals(RequestStatus.CANDIDATES_FOUND, request.status());
        assertFalse(request.takesNewCandidate("d1"), "never twice");
        request = request.apply(new MatchRequestEvent.CandidateAdded("r1", "CD", later.plusSeconds(1), candidate(1, "d2"), null));
        assertEquals(List.of(1, 2), request.candidates().stream().map(Candidate::rank).toList(), "appended after the others");
        assertFalse(request.takesNewCandidate("d3"), "two active candidates is maxCandidates");
        request = move(move(request, "d1", CandidateState.CONTACTED), "d1", CandidateState.DECLINED);
        assertTrue(request.takesNewCandidate("d3"), "a declined candidate frees a place");

        // (the moves above are dated AT, the additions after it)
        assertEquals(List.of("CANDIDATE_ADDED", "CANDIDATE_ADDED"),
                request.changesSince(AT).stream().map(WorkflowEntry::type).toList());
        assertEquals(List.of("CANDIDATE_ADDED"),
                request.changesSince(later).stream().map(WorkflowEntry::type).toList());

        request = request.apply(new MatchRequestEvent.Cancelled("r1", "CD", later.plusSeconds(2), null, "u-cd"));
        assertFalse(request.takesNewCandidate("d3"), "a cancelled request takes nobody");
    }

    @Test
    void anOutcomeIsRecordedForAnAllocatedDonorOnlyAndTwoPoorOnesMakeThePatientRefractory() {
        MatchRequest request = created(List.of(candidate(1, "d1"), candidate(2, "d2")));
        var early = request.outcome("d1", AT, 10, 15, 1, 3.0, 1.8, null, null, null);
        assertEquals("invalid_transition", refusal(request.refusalToRecordOutcome(early)), "nothing allocated yet");
        request = move(request, "d1", CandidateState.CONTACTED);
        request = move(request, "d1", CandidateState.ACCEPTED);
        request = request.apply(new MatchRequestEvent.Allocated("r1", "CD", AT, "d1", "CQ", null, "u-cd"));

        var notAllocated = request.outcome("d2", AT, 10, 15, 1, 3.0, 1.8, null, null, null);
        assertEquals("not_allocated", refusal(request.refusalToRecordOutcome(notAllocated)));

        var first = request.outcome("d1", AT, 10, 15, 1, 3.0, 1.8, null, null, null);
        assertEquals(3_000, first.cci());
        assertEquals("A", first.grade());
        assertTrue(first.aboCompatible() && first.fresh(), "IDENTICAL, unit age unknown");
        assertTrue(request.refusalToRecordOutcome(first).isEmpty());
        request = request.apply(new MatchRequestEvent.OutcomeRecorded("r1", "CD", AT, first, null, "u-cd"));
        assertTrue(request.alreadyRecorded(first));
        assertTrue(request.refusalToRecordOutcome(first).isEmpty(), "the same outcome again is a harmless retry");
        var different = request.outcome("d1", AT, 10, 40, 1, 3.0, 1.8, null, null, null);
        assertEquals("invalid_transition", refusal(request.refusalToRecordOutcome(different)));
        assertEquals(false, request.refractory(), "one poor 1 h increment");

        var second = request.outcome("d1", AT.plusSeconds(86_400), 8, 12, 0.5, 3.0, 1.8, null, null, 2);
        request = request.apply(new MatchRequestEvent.OutcomeRecorded("r1", "CD", AT, second, null, "u-cd"));
        assertTrue(request.refractory(), "two poor 1 h increments with ABO-compatible fresh units");
        assertEquals("OUTCOME_RECORDED", request.events().get(request.events().size() - 1).type());
        assertEquals(2, request.outcomes().size());
    }
}
