package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.bloodbridge.engine.ShardedAsk;
import org.bloodbridge.engine.outcome.PatientOutcomes;
import org.bloodbridge.engine.outcome.TransfusionOutcome;
import org.bloodbridge.engine.query.MatchCriteria;
import org.bloodbridge.engine.query.Product;
import org.bloodbridge.engine.request.Candidate;
import org.bloodbridge.engine.request.CandidateState;
import org.bloodbridge.engine.request.MatchRequest;
import org.bloodbridge.engine.request.MatchRequestEntity;
import org.bloodbridge.engine.request.Refusal;
import org.bloodbridge.engine.request.RequestStatus;
import org.bloodbridge.http.access.AccessDenied;
import org.bloodbridge.http.access.Call;
import org.bloodbridge.persistence.readside.ListingPage;
import org.bloodbridge.persistence.readside.PatientHistoryTable;
import org.bloodbridge.persistence.readside.RequestListing;
import org.bloodbridge.persistence.readside.RequestListingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/match-requests}: create (search every centre's pool by the deadline), read, list
 * by centre and status, the recruitment workflow and transfusion outcomes; and
 * {@code /api/v1/patients/{centre}/{reference}}, a patient's history. A GET by id reads the entity;
 * the listing and the patient history read read-side tables, which may lag by about a second.
 */
final class MatchRoutes {
    private static final Logger log = LoggerFactory.getLogger(MatchRoutes.class);

    /** {@code GET /api/v1/match-requests}: {@code nextCursor} is null on the last page. */
    record RequestsPage(List<RequestListing> requests, String nextCursor) {}

    /** {@code POST .../outcomes}: the outcome recorded (its CCI computed), the patient's status, and the request. */
    record OutcomeRecorded(TransfusionOutcome outcome, boolean refractory, MatchRequestView request) {}

    private final RequestChecks checks;
    private final MatchRequestInput input;
    private final ShardedAsk asks;
    private final Duration askTimeout;
    private final RequestListingTable listings;
    private final RequestEventStream events;
    private final RequestAnnouncements announcements;
    private final PatientHistoryTable patients;

    MatchRoutes(RequestChecks checks, MatchRequestInput input, ShardedAsk asks, Duration askTimeout,
            RequestListingTable listings, PatientHistoryTable patients, RequestEventStream events,
            RequestAnnouncements announcements) {
        this.events = events;
        this.announcements = announcements;
        this.patients = patients;
        this.checks = checks;
        this.input = input;
        this.asks = asks;
        this.askTimeout = askTimeout;
        this.listings = listings;
    }

    Route route(Call call) {
        return concat(pathPrefix("patients", () -> path(segment().slash(segment()), (centre, reference) ->
                        get(() -> patient(call, centre, reference)))),
                requests(call));
    }

    private Route requests(Call call) {
        return pathPrefix("match-requests", () -> concat(
                pathEnd(() -> concat(
                        post(() -> JsonBody.fields(body -> create(body, call))),
                        get(() -> list(call)))),
                path("events", () -> get(() -> events.route(call.caller()))), // before {requestId}
                pathPrefix(segment(), requestId -> concat(
                        pathEnd(() -> get(() -> whenAllowed(call, requestId, r -> readers(r), "the requesting centre or a candidate's",
                                () -> ask(requestId, MatchRequestEntity.Get::new, StatusCodes.OK, call)))),
                        pathPrefix("candidates", () -> pathPrefix(segment(), donorId -> concat(
                                move(call, requestId, donorId, "contact", CandidateState.CONTACTED),
                                move(call, requestId, donorId, "accept", CandidateState.ACCEPTED),
                                move(call, requestId, donorId, "decline", CandidateState.DECLINED)))),
                        path("changes", () -> get(() -> QueryParams.read(params -> {
                            if (!params.has("since")) {
                                throw ApiError.invalid("since", "since is required, an instant such as 2026-11-25T08:00:00Z");
                            }
                            Instant since = params.instant("since");
                            return whenAllowed(call, requestId, r -> readers(r), "the requesting centre or a candidate's",
                                    request -> complete(StatusCodes.OK, RequestChanges.of(request, since), Json.marshaller()));
                        }))),
                        path("allocations", () -> post(() -> JsonBody.fields(body -> allocate(call, requestId, body)))),
                        path("outcomes", () -> post(() -> JsonBody.fields(body -> recordOutcome(call, requestId, body)))),
                        path("fulfil", () -> post(() -> JsonBody.optionalFields(body -> byRequestingCentre(call, requestId,
                                () -> step(requestId, r -> new MatchRequestEntity.Fulfil(by(body, call), call.caller().subject(), body.optionalText("note"), r),
                                        StatusCodes.OK, call))))),
                        path("cancel", () -> post(() -> JsonBody.optionalFields(body -> byRequestingCentre(call, requestId,
                                () -> step(requestId, r -> new MatchRequestEntity.Cancel(by(body, call), call.caller().subject(), body.optionalText("note"), r),
                                        StatusCodes.OK, call)))))))));
    }

    private Route create(Fields body, Call call) {
        MatchCriteria criteria = input.read(body, call);
        String requestId = UUID.randomUUID().toString();
        // Start the new entity now: its recovery (Cassandra finding no events, a few ms) runs while the
        // patient's history is read, and the Create below finds it recovered. The answer still waits
        // for the ranking to be persisted.
        asks.tell(MatchRequestEntity.TYPE_KEY, requestId, new MatchRequestEntity.Wake());
        // The entity answers by the search deadline plus the time to persist.
        Duration timeout = Duration.ofMillis(criteria.timeoutMs()).plus(askTimeout);
        return onSuccess(patientMemory(criteria).thenCompose(patient -> asks.ask(MatchRequestEntity.TYPE_KEY, requestId,
                        (ActorRef<MatchRequestEntity.Reply> r) -> new MatchRequestEntity.Create(criteria, call.caller().subject(),
                                patient, r), timeout)),
                reply -> {
                    call.touchedRequest(requestId, criteria.requestingCentre());
                    announceIfChanged(reply);
                    return answer(reply, StatusCodes.CREATED, call);
                });
    }

    /**
     * The patient's earlier outcomes at the requesting centre, read once before the search (one
     * partition slice, usually empty). A read that fails leaves the request without memory rather
     * than without an answer: a match is an emergency, the memory a refinement.
     */
    private CompletionStage<PatientOutcomes> patientMemory(MatchCriteria criteria) {
        String reference = criteria.patient().reference();
        if (reference == null || criteria.product() != Product.PLATELETS_APHERESIS) {
            return CompletableFuture.completedFuture(PatientOutcomes.NONE);
        }
        return patients.outcomes(criteria.requestingCentre(), reference).exceptionally(e -> {
            log.warn("patient memory of a {} request not read, ranking without it: {}", criteria.requestingCentre(), e.toString());
            return PatientOutcomes.NONE;
        });
    }

    /**
     * {@code POST .../outcomes}: by a coordinator of the requesting centre, for a donor allocated on
     * the request (409 otherwise); 201 with the CCI.
     */
    private Route recordOutcome(Call call, String requestId, Fields body) {
        OutcomeInput outcome = OutcomeInput.read(body, checks.now());
        String by = by(body, call);
        return byRequestingCentre(call, requestId, request -> {
            call.touchedDonor(outcome.donorId(), candidateCentre(request, outcome.donorId()).orElse(null));
            call.touchedPatient(request.criteria().requestingCentre(), request.criteria().patient().reference());
            return onSuccess(asks.ask(MatchRequestEntity.TYPE_KEY, requestId,
                            (ActorRef<MatchRequestEntity.Reply> r) -> outcome.command(by, call.caller().subject(), r), askTimeout),
                    reply -> {
                        if (!(reply instanceof MatchRequestEntity.Current current)) {
                            return answer(reply, StatusCodes.CREATED, call);
                        }
                        MatchRequest updated = current.request();
                        TransfusionOutcome recorded = updated.outcomes().stream()
                                .filter(o -> o.donorId().equals(outcome.donorId()) && o.transfusedAt().equals(outcome.transfusedAt()))
                                .findFirst().orElseThrow();
                        return complete(StatusCodes.CREATED, new OutcomeRecorded(recorded, updated.refractory(),
                                MatchRequestView.of(updated)), Json.marshaller());
                    });
        });
    }

    /**
     * {@code GET /api/v1/patients/{centre}/{reference}}: by a coordinator of that centre (a patient
     * reference is the requesting centre's own); audited with the patient as the resource.
     */
    private Route patient(Call call, String centre, String reference) {
        if (!checks.knownCentre(centre)) {
            throw ApiError.notFound("no centre " + centre);
        }
        call.touchedPatient(centre, reference);
        call.requireCentre(centre, "centre (a patient's history is read by its requesting centre)");
        return onSuccess(patients.history(centre, reference),
                history -> complete(StatusCodes.OK, PatientView.of(centre, reference, history), Json.marshaller()));
    }

    /** Contact, accept, decline: by a coordinator of the requesting centre or of the candidate's home centre. */
    private Route move(Call call, String requestId, String donorId, String step, CandidateState to) {
        return path(step, () -> post(() -> JsonBody.optionalFields(body -> whenAllowed(call, requestId,
                r -> candidateCentre(r, donorId).map(c -> List.of(r.criteria().requestingCentre(), c))
                        .orElse(List.of(r.criteria().requestingCentre())),
                "the requesting centre or the candidate's home centre",
                () -> step(requestId, r -> new MatchRequestEntity.MoveCandidate(donorId, to, by(body, call), call.caller().subject(),
                        body.optionalText("note"), r), StatusCodes.OK, call)))));
    }

    /**
     * By a coordinator of the requesting centre. The collecting centre is one of the caller's, or
     * the candidate's home centre (where the recruited donor gives): the point of a cross-centre
     * allocation.
     */
    private Route allocate(Call call, String requestId, Fields body) {
        String donorId = body.text("donorId");
        String collectingCentre = checks.centre(body, "collectingCentre");
        return whenAllowed(call, requestId, r -> List.of(r.criteria().requestingCentre()), "the requesting centre", request -> {
            if (!call.caller().actsFor(collectingCentre)
                    && !candidateCentre(request, donorId).map(collectingCentre::equals).orElse(false)) {
                throw AccessDenied.notYourCentre(collectingCentre, "collectingCentre (neither yours nor the candidate's home centre)");
            }
            call.touchedDonor(donorId, candidateCentre(request, donorId).orElse(null));
            return step(requestId, r -> new MatchRequestEntity.Allocate(donorId, collectingCentre, by(body, call), call.caller().subject(),
                    body.optionalText("note"), r), StatusCodes.CREATED, call);
        });
    }

    private Route byRequestingCentre(Call call, String requestId, Supplier<Route> inner) {
        return whenAllowed(call, requestId, r -> List.of(r.criteria().requestingCentre()), "the requesting centre", inner);
    }

    private Route byRequestingCentre(Call call, String requestId, Function<MatchRequest, Route> inner) {
        return whenAllowed(call, requestId, r -> List.of(r.criteria().requestingCentre()), "the requesting centre", inner);
    }

    private Route whenAllowed(Call call, String requestId, Function<MatchRequest, List<String>> centres, String who,
            Supplier<Route> inner) {
        return whenAllowed(call, requestId, centres, who, request -> inner.get());
    }

    /**
     * {@code inner} with the request, once the caller is found to act for one of the request's
     * {@code centres} (403 naming {@code who} otherwise).
     */
    private Route whenAllowed(Call call, String requestId, Function<MatchRequest, List<String>> centres, String who,
            Function<MatchRequest, Route> inner) {
        if (!isRequestId(requestId)) {
            throw ApiError.notFound("no match request " + requestId);
        }
        return onSuccess(asks.ask(MatchRequestEntity.TYPE_KEY, requestId, MatchRequestEntity.Get::new, askTimeout), reply -> {
            if (!(reply instanceof MatchRequestEntity.Current current)) {
                return answer(reply, StatusCodes.OK, call); // not found, or unavailable
            }
            MatchRequest request = current.request();
            call.touchedRequest(requestId, request.criteria().requestingCentre());
            if (centres.apply(request).stream().noneMatch(call.caller()::actsFor)) {
                throw AccessDenied.forbidden("this needs a coordinator of " + who + " ("
                        + String.join(", ", centres.apply(request)) + ")");
            }
            return inner.apply(request);
        });
    }

    /** Who may read a request: its requesting centre and every centre with a candidate on it. */
    static List<String> readers(MatchRequest request) {
        List<String> centres = new ArrayList<>();
        centres.add(request.criteria().requestingCentre());
        request.candidates().forEach(c -> centres.add(c.centre()));
        return centres;
    }

    private static Optional<String> candidateCentre(MatchRequest request, String donorId) {
        return request.candidate(donorId).map(Candidate::centre);
    }

    private Route list(Call call) {
        return QueryParams.read(params -> {
            String code = checks.actingCentre(params, "centre", call);
            RequestStatus wanted = params.optionalEnum("status", RequestStatus.class);
            int size = checks.pageSize(params);
            return onSuccess(listPage(code, wanted, size, params.optionalText("cursor")),
                    page -> complete(StatusCodes.OK, new RequestsPage(page.requests(), page.nextCursor()), Json.marshaller()));
        });
    }

    private CompletionStage<ListingPage> listPage(String centre, RequestStatus status, int size, String cursor) {
        try {
            return listings.list(centre, status == null ? null : status.name(), size, cursor);
        } catch (IllegalArgumentException e) { // a cursor this server did not hand out
            throw ApiError.invalid("cursor", "cursor is not one this API returned: " + e.getMessage());
        }
    }

    /** The acting centre of a workflow step: {@code by}, one of the caller's; the caller's own when absent. */
    private String by(Fields body, Call call) {
        return checks.actingCentre(body, "by", call);
    }

    private Route ask(String requestId, Function<ActorRef<MatchRequestEntity.Reply>, MatchRequestEntity.Command> command,
            StatusCode ok, Call call) {
        if (!isRequestId(requestId)) {
            throw ApiError.notFound("no match request " + requestId);
        }
        return onSuccess(asks.ask(MatchRequestEntity.TYPE_KEY, requestId, command, askTimeout), reply -> answer(reply, ok, call));
    }

    /** A workflow step: as {@link #ask}, and a step taken is announced to the live streams. */
    private Route step(String requestId, Function<ActorRef<MatchRequestEntity.Reply>, MatchRequestEntity.Command> command,
            StatusCode ok, Call call) {
        if (!isRequestId(requestId)) {
            throw ApiError.notFound("no match request " + requestId);
        }
        return onSuccess(asks.ask(MatchRequestEntity.TYPE_KEY, requestId, command, askTimeout), reply -> {
            announceIfChanged(reply);
            return answer(reply, ok, call);
        });
    }

    private void announceIfChanged(MatchRequestEntity.Reply reply) {
        if (reply instanceof MatchRequestEntity.Current current) {
            announcements.announce(current.request());
        }
    }

    private static boolean isRequestId(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Route answer(MatchRequestEntity.Reply reply, StatusCode ok, Call call) {
        if (reply instanceof MatchRequestEntity.Current current) {
            return complete(ok, MatchRequestView.of(current.request()), Json.marshaller());
        } else if (reply instanceof MatchRequestEntity.NotFound notFound) {
            throw ApiError.notFound("no match request " + notFound.requestId());
        } else if (reply instanceof MatchRequestEntity.Unavailable unavailable) {
            throw ApiError.unavailable(unavailable.message());
        }
        Refusal refusal = ((MatchRequestEntity.Refused) reply).refusal();
        if (refusal.error().equals("not_found")) {
            throw ApiError.notFound(refusal.message());
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        if (refusal.field() != null) {
            extras.put("field", refusal.field());
        }
        if (!refusal.reasons().isEmpty()) {
            extras.put("reasons", ReasonView.of(refusal.reasons(), call.caller()));
        }
        throw ApiError.conflict(refusal.error(), refusal.message(), extras);
    }
}
