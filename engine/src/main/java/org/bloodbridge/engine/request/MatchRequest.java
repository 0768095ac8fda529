package org.bloodbridge.engine.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.outcome.Cci;
import org.bloodbridge.engine.outcome.PatientOutcomes;
import org.bloodbridge.engine.outcome.TransfusionOutcome;
import org.bloodbridge.engine.query.MatchCriteria;
import org.bloodbridge.engine.query.Product;

/**
 * A match request after its search: the state of a MatchRequestEntity. Immutable and pure; the
 * {@code refusal...} methods say whether a workflow step is allowed (domain-rules.md section 6),
 * {@link #apply} gives the state after an event. {@code outcomes}: the transfusions recorded on
 * this request; {@code earlierOutcomes}: the patient's outcomes on earlier requests, as known when
 * this one was created (section 7, patient memory).
 */
public record MatchRequest(String requestId, MatchCriteria criteria, Instant createdAt, RequestStatus status,
                           List<Candidate> candidates, List<String> centresAnswered, List<String> centresMissing,
                           List<Allocation> allocations, List<WorkflowEntry> events, List<TransfusionOutcome> outcomes,
                           List<TransfusionOutcome> earlierOutcomes) implements CborSerializable {

    public MatchRequest {
        candidates = List.copyOf(candidates);
        centresAnswered = List.copyOf(centresAnswered);
        centresMissing = List.copyOf(centresMissing);
        allocations = List.copyOf(allocations);
        events = List.copyOf(events);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        earlierOutcomes = earlierOutcomes == null ? List.of() : List.copyOf(earlierOutcomes);
    }

    /** A request without transfusion outcomes. */
    public MatchRequest(String requestId, MatchCriteria criteria, Instant createdAt, RequestStatus status,
                        List<Candidate> candidates, List<String> centresAnswered, List<String> centresMissing,
                        List<Allocation> allocations, List<WorkflowEntry> events) {
        this(requestId, criteria, createdAt, status, candidates, centresAnswered, centresMissing, allocations, events,
                List.of(), List.of());
    }

    static MatchRequest created(MatchRequestEvent.Created e) {
        return new MatchRequest(e.requestId(), e.criteria(), e.at(),
                e.candidates().isEmpty() ? RequestStatus.NO_CANDIDATES : RequestStatus.CANDIDATES_FOUND,
                e.candidates(), e.centresAnswered(), e.centresMissing(), List.of(),
                List.of(new WorkflowEntry("CREATED", e.by(), e.subject(), e.at(), null, null)), List.of(),
                e.patientOutcomes());
    }

    /** The patient's outcomes: earlier ones known at creation and this request's own. */
    public PatientOutcomes patientOutcomes() {
        return new PatientOutcomes(earlierOutcomes).plus(outcomes);
    }

    /** Whether the patient is refractory (domain-rules.md section 7), from {@link #patientOutcomes}. */
    public boolean refractory() {
        return patientOutcomes().refractory();
    }

    /**
     * Recording a transfusion of {@code donorId}'s unit: a platelet request, allocated or fulfilled,
     * and the donor allocated on it. Recording the very same outcome again is allowed (and changes
     * nothing: see {@link #alreadyRecorded}); a different one for the same donor and time is refused.
     */
    public Optional<Refusal> refusalToRecordOutcome(TransfusionOutcome outcome) {
        if (criteria.product() != Product.PLATELETS_APHERESIS) {
            return Optional.of(Refusal.invalidTransition("a corrected count increment is recorded for platelet requests only"));
        }
        if (status != RequestStatus.ALLOCATED && status != RequestStatus.FULFILLED) {
            return Optional.of(Refusal.invalidTransition("the request is " + status
                    + "; an outcome is recorded for a donor allocated on an ALLOCATED or FULFILLED request"));
        }
        if (!allocated(outcome.donorId())) {
            return Optional.of(new Refusal("not_allocated", "donor " + outcome.donorId()
                    + " is not allocated on this request; an outcome needs an allocated donor's unit", "donorId", List.of()));
        }
        boolean conflicting = outcomes.stream().anyMatch(o -> o.sameTransfusion(outcome) && !o.equals(outcome));
        return conflicting
                ? Optional.of(Refusal.invalidTransition("a different outcome of donor " + outcome.donorId() + " transfused at "
                        + outcome.transfusedAt() + " is already recorded"))
                : Optional.empty();
    }

    public boolean alreadyRecorded(TransfusionOutcome outcome) {
        return outcomes.contains(outcome);
    }

    /**
     * The outcome of a transfusion of {@code donorId}'s unit on this request, its CCI computed, with
     * the donor's grade and ABO class as this request found them.
     */
    public TransfusionOutcome outcome(String donorId, Instant transfusedAt, double preCount, double postCount,
            double postHours, double plateletDose, double bsa, Double heightCm, Double weightKg, Integer unitAgeDays) {
        Optional<Candidate> candidate = candidate(donorId);
        String grade = candidate.map(Candidate::grade).orElse(null);
        String abo = candidate.map(Candidate::abo).orElse(null);
        return new TransfusionOutcome(requestId, donorId, transfusedAt, preCount, postCount, postHours, plateletDose, bsa,
                heightCm, weightKg, unitAgeDays, Cci.of(preCount, postCount, bsa, plateletDose), grade, abo,
                TransfusionOutcome.aboCompatible(abo), TransfusionOutcome.fresh(unitAgeDays));
    }

    public Optional<Candidate> candidate(String donorId) {
        return candidates.stream().filter(c -> c.donorId().equals(donorId)).findFirst();
    }

    /**
     * Whether a standing request may take {@code donorId} as a new candidate, before its record is
     * asked: it is open, the donor is not a candidate yet, and there is room (fewer than
     * {@code maxCandidates} active, that is not declined, candidates) or a PROPOSED candidate a
     * better donor could replace.
     */
    public boolean mayTakeNewCandidate(String donorId) {
        return criteria.standing() && status.open() && candidate(donorId).isEmpty()
                && (activeCandidates() < criteria.maxCandidates()
                        || candidates.stream().anyMatch(c -> c.state() == CandidateState.PROPOSED));
    }

    /**
     * How a standing request takes {@code newcomer}, a donor confirmed after its search: added while
     * there is room; when full, in place of the lowest-ranked PROPOSED candidate if it outranks them
     * (a candidate being recruited is never replaced); empty when it takes it not. Without replacing,
     * a request that filled up with poor matches at its search would never show a better donor who
     * registers later.
     */
    public Optional<MatchRequestEvent.CandidateAdded> admit(Candidate newcomer, Instant at) {
        if (!mayTakeNewCandidate(newcomer.donorId())) {
            return Optional.empty();
        }
        String by = criteria.requestingCentre();
        if (activeCandidates() < criteria.maxCandidates()) {
            return Optional.of(new MatchRequestEvent.CandidateAdded(requestId, by, at, newcomer, null));
        }
        Comparator<Candidate> order = CandidateOrder.of(this);
        Candidate lowest = candidates.stream().filter(c -> c.state() == CandidateState.PROPOSED).max(order).orElseThrow();
        return order.compare(newcomer, lowest) < 0
                ? Optional.of(new MatchRequestEvent.CandidateAdded(requestId, by, at, newcomer, null, lowest.donorId()))
                : Optional.empty();
    }

    private long activeCandidates() {
        return candidates.stream().filter(c -> c.state() != CandidateState.DECLINED).count();
    }

    /** The history entries after {@code since} (exclusive), oldest first. */
    public List<WorkflowEntry> changesSince(Instant since) {
        return events.stream().filter(e -> e.at().isAfter(since)).toList();
    }

    public boolean allocated(String donorId) {
        return allocations.stream().anyMatch(a -> a.donorId().equals(donorId));
    }

    /** Contact, accept or decline one candidate. */
    public Optional<Refusal> refusalToMove(String donorId, CandidateState to) {
        if (status == RequestStatus.NO_CANDIDATES || !status.open()) {
            return Optional.of(Refusal.invalidTransition("the request is " + status + "; candidates can no longer be "
                    + to.name().toLowerCase()));
        }
        Optional<Candidate> candidate = candidate(donorId);
        if (candidate.isEmpty()) {
            return Optional.of(notACandidate(donorId));
        }
        CandidateState from = candidate.get().state();
        return from.canMoveTo(to)
                ? Optional.empty()
                : Optional.of(Refusal.invalidTransition("the candidate is " + from + "; only "
                        + (to == CandidateState.CONTACTED ? "a PROPOSED" : "a CONTACTED") + " candidate can become " + to));
    }

    public Optional<Refusal> refusalToAllocate(String donorId) {
        if (status != RequestStatus.RECRUITING && status != RequestStatus.ALLOCATED) {
            return Optional.of(Refusal.invalidTransition("the request is " + status + "; allocation needs an accepted candidate"));
        }
        Optional<Candidate> candidate = candidate(donorId);
        if (candidate.isEmpty()) {
            return Optional.of(notACandidate(donorId));
        }
        if (candidate.get().state() != CandidateState.ACCEPTED) {
            return Optional.of(Refusal.invalidTransition("the candidate is " + candidate.get().state()
                    + "; only an ACCEPTED candidate can be allocated"));
        }
        if (allocated(donorId)) {
            return Optional.of(Refusal.invalidTransition("the donor is already allocated to this request"));
        }
        if (allocations.size() >= criteria.units()) {
            return Optional.of(Refusal.invalidTransition("all " + criteria.units() + " units requested are allocated"));
        }
        return Optional.empty();
    }

    public Optional<Refusal> refusalToFulfil() {
        return status == RequestStatus.ALLOCATED
                ? Optional.empty()
                : Optional.of(Refusal.invalidTransition("the request is " + status + "; only an ALLOCATED request can be fulfilled"));
    }

    public Optional<Refusal> refusalToCancel() {
        return status.open()
                ? Optional.empty()
                : Optional.of(Refusal.invalidTransition("the request is already " + status));
    }

    private static Refusal notACandidate(String donorId) {
        return new Refusal("not_found", "donor " + donorId + " is not a candidate of this request", "donorId", List.of());
    }

    // Java 17 has no pattern matching for switch, hence the instanceof chain.
    MatchRequest apply(MatchRequestEvent event) {
        if (event instanceof MatchRequestEvent.CandidateAdded e) {
            return added(e);
        } else if (event instanceof MatchRequestEvent.CandidateMoved e) {
            List<Candidate> moved = candidates.stream()
                    .map(c -> c.donorId().equals(e.donorId()) ? c.in(e.to()) : c)
                    .toList();
            RequestStatus next = e.to() == CandidateState.CONTACTED && status == RequestStatus.CANDIDATES_FOUND
                    ? RequestStatus.RECRUITING : status;
            return with(next, moved, allocations, entry(e.to().name(), e, e.donorId(), e.note()));
        } else if (event instanceof MatchRequestEvent.Allocated e) {
            List<Allocation> more = new ArrayList<>(allocations);
            more.add(new Allocation(e.donorId(), e.collectingCentre(), e.by(), e.at()));
            return with(RequestStatus.ALLOCATED, candidates, more, entry("ALLOCATED", e, e.donorId(), e.note()));
        } else if (event instanceof MatchRequestEvent.OutcomeRecorded e) {
            List<TransfusionOutcome> more = new ArrayList<>(outcomes);
            more.add(e.outcome());
            return new MatchRequest(requestId, criteria, createdAt, status, candidates, centresAnswered, centresMissing,
                    allocations, history(entry("OUTCOME_RECORDED", e, e.outcome().donorId(), e.note())), more,
                    earlierOutcomes);
        } else if (event instanceof MatchRequestEvent.Fulfilled e) {
            return with(RequestStatus.FULFILLED, candidates, allocations, entry("FULFILLED", e, null, e.note()));
        } else if (event instanceof MatchRequestEvent.Cancelled e) {
            return with(RequestStatus.CANCELLED, candidates, allocations, entry("CANCELLED", e, null, e.note()));
        }
        throw new IllegalArgumentException("unexpected event " + event.getClass() + " for an existing request");
    }

    /** The newcomer placed by rank among the candidates (the one it replaces gone), ranks renumbered. */
    private MatchRequest added(MatchRequestEvent.CandidateAdded e) {
        List<Candidate> placed = new ArrayList<>();
        candidates.stream().filter(c -> !c.donorId().equals(e.replaces())).forEach(placed::add);
        Comparator<Candidate> order = CandidateOrder.of(this);
        int position = 0;
        while (position < placed.size() && order.compare(placed.get(position), e.candidate()) <= 0) {
            position++;
        }
        placed.add(position, e.candidate());
        List<Candidate> ranked = new ArrayList<>();
        placed.forEach(c -> ranked.add(c.ranked(ranked.size() + 1)));
        List<WorkflowEntry> history = new ArrayList<>(events);
        if (e.replaces() != null) {
            history.add(entry("CANDIDATE_REPLACED", e, e.replaces(), "outranked by " + e.candidate().donorId()));
        }
        history.add(entry("CANDIDATE_ADDED", e, e.candidate().donorId(), null));
        RequestStatus next = status == RequestStatus.NO_CANDIDATES ? RequestStatus.CANDIDATES_FOUND : status;
        return new MatchRequest(requestId, criteria, createdAt, next, ranked, centresAnswered, centresMissing,
                allocations, history, outcomes, earlierOutcomes);
    }

    private static WorkflowEntry entry(String type, MatchRequestEvent e, String donorId, String note) {
        return new WorkflowEntry(type, e.by(), e.subject(), e.at(), donorId, note);
    }

    private MatchRequest with(RequestStatus newStatus, List<Candidate> newCandidates, List<Allocation> newAllocations,
            WorkflowEntry entry) {
        return new MatchRequest(requestId, criteria, createdAt, newStatus, newCandidates, centresAnswered,
                centresMissing, newAllocations, history(entry), outcomes, earlierOutcomes);
    }

    private List<WorkflowEntry> history(WorkflowEntry entry) {
        List<WorkflowEntry> history = new ArrayList<>(events);
        history.add(entry);
        return history;
    }
}
