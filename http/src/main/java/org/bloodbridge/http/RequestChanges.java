package org.bloodbridge.http;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bloodbridge.engine.request.Candidate;
import org.bloodbridge.engine.request.MatchRequest;
import org.bloodbridge.engine.request.RequestStatus;
import org.bloodbridge.engine.request.WorkflowEntry;

/**
 * {@code GET /api/v1/match-requests/{requestId}/changes?since=}: what happened to a request after
 * {@code since}, oldest first, with the candidates a standing request gained since then in full.
 * A client polls with the {@code at} of the last change it saw.
 */
record RequestChanges(String requestId, RequestStatus status, Instant since, List<WorkflowEntry> changes,
                      List<Candidate> candidatesAdded) {

    static RequestChanges of(MatchRequest request, Instant since) {
        List<WorkflowEntry> changes = request.changesSince(since);
        Set<String> added = changes.stream().filter(e -> e.type().equals("CANDIDATE_ADDED"))
                .map(WorkflowEntry::donorId).collect(Collectors.toSet());
        return new RequestChanges(request.requestId(), request.status(), since, changes,
                request.candidates().stream().filter(c -> added.contains(c.donorId())).toList());
    }
}
