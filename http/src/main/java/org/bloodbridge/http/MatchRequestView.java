package org.bloodbridge.http;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bloodbridge.engine.outcome.TransfusionOutcome;
import org.bloodbridge.engine.query.Patient;
import org.bloodbridge.engine.query.Product;
import org.bloodbridge.engine.query.Urgency;
import org.bloodbridge.engine.request.Allocation;
import org.bloodbridge.engine.request.Candidate;
import org.bloodbridge.engine.request.MatchRequest;
import org.bloodbridge.engine.request.RequestStatus;
import org.bloodbridge.engine.request.WorkflowEntry;

/**
 * A match request as the API shows it: the request as posted, its status, candidates, allocations
 * and history; the transfusion {@code outcomes} recorded on it and whether the patient is
 * {@code refractory} (from their outcomes known when the request was created and its own).
 */
record MatchRequestView(
        String requestId,
        RequestStatus status,
        String requestingCentre,
        String hospital,
        Product product,
        int units,
        Urgency urgency,
        LocalDate neededBy,
        Patient patient,
        int maxCandidates,
        int timeoutMs,
        boolean standing,
        List<Candidate> candidates,
        List<String> centresAnswered,
        List<String> centresMissing,
        List<Allocation> allocations,
        List<WorkflowEntry> events,
        Instant createdAt,
        List<TransfusionOutcome> outcomes,
        boolean refractory) {

    static MatchRequestView of(MatchRequest r) {
        var c = r.criteria();
        return new MatchRequestView(r.requestId(), r.status(), c.requestingCentre(), c.hospital(), c.product(), c.units(),
                c.urgency(), c.neededBy(), c.patient(), c.maxCandidates(), c.timeoutMs(), c.standing(), r.candidates(),
                r.centresAnswered(), r.centresMissing(), r.allocations(), r.events(), r.createdAt(), r.outcomes(),
                r.refractory());
    }
}
