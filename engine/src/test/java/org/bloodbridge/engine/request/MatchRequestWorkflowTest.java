package org.bloodbridge.engine.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Section 7: a standing request adds donors who qualify later while fewer than maxCandidates are active. */
    @Test
    void aStandingRequestAddsNewCandidatesUpToMaxCandidatesActiveOnes() {
        MatchRequest request = MatchRequest.created(new MatchRequestEvent.Created("r1", "CD", AT, standing(2), List.of(),
                List.of("CD", "CQ"), List.of(), "u-cd"));
        assertEquals(RequestStatus.NO_CANDIDATES, request.status());
        assertTrue(request.mayTakeNewCandidate("d1"));
        assertFalse(created(List.of()).mayTakeNewCandidate("d1"), "a one-off request takes nobody later");

        Instant later = AT.plusSeconds(60);
        request = admitted(request, candidate(1, "d1"), later);
        assertEquals(RequestStatus.CANDIDATES_FOUND, request.status());
        assertFalse(request.mayTakeNewCandidate("d1"), "never twice");
        request = admitted(request, candidate(1, "d2"), later.plusSeconds(1));
        assertEquals(List.of(1, 2), request.candidates().stream().map(Candidate::rank).toList(), "ranked after the others");
        assertEquals(Optional.empty(), request.admit(candidate(1, "d3"), later),
                "two active candidates is maxCandidates, and d3 outranks neither");
        request = move(move(request, "d1", CandidateState.CONTACTED), "d1", CandidateState.DECLINED);
        request = admitted(request, candidate(1, "d3"), later.plusSeconds(2));
        assertEquals(List.of("d1", "d2", "d3"), request.candidates().stream().map(Candidate::donorId).toList(),
                "a declined candidate frees a place");

        // (the moves above are dated AT, the additions after it)
        assertEquals(List.of("CANDIDATE_ADDED", "CANDIDATE_ADDED", "CANDIDATE_ADDED"),
                request.changesSince(AT).stream().map(WorkflowEntry::type).toList());
        assertEquals(List.of("CANDIDATE_ADDED", "CANDIDATE_ADDED"),
                request.changesSince(later).stream().map(WorkflowEntry::type).toList());

        request = request.apply(new MatchRequestEvent.Cancelled("r1", "CD", later.plusSeconds(3), null, "u-cd"));
        assertFalse(request.mayTakeNewCandidate("d4"), "a cancelled request takes nobody");
    }

    /**
     * A standing request that filled up with poor matches at its search still shows a better donor
     * who registers later: the newcomer takes the place of the lowest-ranked PROPOSED candidate.
     */
    @Test
    void aBetterNewcomerReplacesTheLowestRankedProposedCandidateOfAFullStandingRequest() {
        MatchRequest request = MatchRequest.created(new MatchRequestEvent.Created("r1", "CD", AT, standing(2),
                List.of(graded(1, "c-grade", "C"), graded(2, "d-grade", "D")), List.of("CD", "CQ"), List.of(), "u-cd"));
        Instant later = AT.plusSeconds(60);

        MatchRequestEvent.CandidateAdded replacing = request.admit(graded(1, "a-grade", "A"), later).orElseThrow();
        assertEquals("d-grade", replacing.replaces());
        request = request.apply(replacing);
        assertEquals(List.of("a-grade", "c-grade"), request.candidates().stream().map(Candidate::donorId).toList());
        assertEquals(List.of(1, 2), request.candidates().stream().map(Candidate::rank).toList(), "placed by rank");
        assertEquals(List.of("CANDIDATE_REPLACED d-grade", "CANDIDATE_ADDED a-grade"),
                request.changesSince(AT).stream().map(e -> e.type() + " " + e.donorId()).toList());

        assertEquals(Optional.empty(), request.admit(graded(1, "another-d", "D"), later), "a worse donor replaces nobody");
        assertEquals("c-grade", request.admit(graded(1, "b-grade", "B1U"), later).orElseThrow().replaces());

        request = move(move(request, "c-grade", CandidateState.CONTACTED), "c-grade", CandidateState.ACCEPTED);
        request = move(request, "a-grade", CandidateState.CONTACTED);
        assertFalse(request.mayTakeNewCandidate("b-grade"), "a candidate being recruited is never replaced");
        assertEquals(Optional.empty(), request.admit(graded(1, "b-grade", "A"), later));
    }

    private static MatchCriteria standing(int maxCandidates) {
        return new MatchCriteria("CD", null, Product.PLATELETS_APHERESIS, 1, Urgency.ROUTINE, LocalDate.of(2026, 11, 26),
                CRITERIA.patient(), maxCandidates, 2000, true);
    }

    private static Candidate graded(int rank, String donorId, String grade) {
        return new Candidate(rank, donorId, "CQ", grade, List.of(), List.of(), List.of(), "IDENTICAL", false, false,
                LocalDate.of(2026, 11, 25), CandidateState.PROPOSED);
    }

    private static MatchRequest admitted(MatchRequest request, Candidate newcomer, Instant at) {
        MatchRequestEvent.CandidateAdded event = request.admit(newcomer, at).orElseThrow();
        assertNull(event.replaces(), "there was room");
        return request.apply(event);
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
