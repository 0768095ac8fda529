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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.bloodbridge.engine.ShardedAsk;
import org.bloodbridge.engine.query.MatchCriteria;
import org.bloodbridge.engine.request.CandidateState;
import org.bloodbridge.engine.request.MatchRequestEntity;
import org.bloodbridge.engine.request.Refusal;
import org.bloodbridge.engine.request.RequestStatus;
import org.bloodbridge.persistence.readside.ListingPage;
import org.bloodbridge.persistence.readside.RequestListing;
import org.bloodbridge.persistence.readside.RequestListingTable;

/**
 * {@code /api/v1/match-requests}: create (search every centre's pool by the deadline), read, list
 * by centre and status, and the recruitment workflow. A GET by id reads the entity; the listing
 * reads the read-side table, which may lag by about a second.
 */
final class MatchRoutes {
    /** {@code GET /api/v1/match-requests}: {@code nextCursor} is null on the last page. */
    record RequestsPage(List<RequestListing> requests, String nextCursor) {}

    private final RequestChecks checks;
    private final MatchRequestInput input;
    private final ShardedAsk asks;
    private final Duration askTimeout;
    private final RequestListingTable listings;

    MatchRoutes(RequestChecks checks, MatchRequestInput input, ShardedAsk asks, Duration askTimeout,
            RequestListingTable listings) {
        this.checks = checks;
        this.input = input;
        this.asks = asks;
        this.askTimeout = askTimeout;
        this.listings = listings;
    }

    Route route() {
        return pathPrefix("match-requests", () -> concat(
                pathEnd(() -> concat(
                        post(() -> JsonBody.fields(this::create)),
                        get(this::list))),
                pathPrefix(segment(), requestId -> concat(
                        pathEnd(() -> get(() -> ask(requestId, MatchRequestEntity.Get::new, StatusCodes.OK))),
                        pathPrefix("candidates", () -> pathPrefix(segment(), donorId -> concat(
                                move(requestId, donorId, "contact", CandidateState.CONTACTED),
                                move(requestId, donorId, "accept", CandidateState.ACCEPTED),
                                move(requestId, donorId, "decline", CandidateState.DECLINED)))),
                        path("allocations", () -> post(() -> JsonBody.fields(body -> allocate(requestId, body)))),
                        path("fulfil", () -> post(() -> JsonBody.optionalFields(body -> ask(requestId,
                                r -> new MatchRequestEntity.Fulfil(by(body), body.optionalText("note"), r), StatusCodes.OK)))),
                        path("cancel", () -> post(() -> JsonBody.optionalFields(body -> ask(requestId,
                                r -> new MatchRequestEntity.Cancel(by(body), body.optionalText("note"), r), StatusCodes.OK))))))));
    }

    private Route create(Fields body) {
        MatchCriteria criteria = input.read(body);
        String requestId = UUID.randomUUID().toString();
        // The entity answers by the search deadline plus the time to persist.
        Duration timeout = Duration.ofMillis(criteria.timeoutMs()).plus(askTimeout);
        return onSuccess(asks.ask(MatchRequestEntity.TYPE_KEY, requestId,
                        (ActorRef<MatchRequestEntity.Reply> r) -> new MatchRequestEntity.Create(criteria, r), timeout),
                reply -> answer(reply, StatusCodes.CREATED));
    }

    private Route move(String requestId, String donorId, String step, CandidateState to) {
        return path(step, () -> post(() -> JsonBody.optionalFields(body -> ask(requestId,
                r -> new MatchRequestEntity.MoveCandidate(donorId, to, by(body), body.optionalText("note"), r),
                StatusCodes.OK))));
    }

    private Route allocate(String requestId, Fields body) {
        String donorId = body.text("donorId");
        String collectingCentre = checks.centre(body, "collectingCentre");
        return ask(requestId, r -> new MatchRequestEntity.Allocate(donorId, collectingCentre, by(body),
                body.optionalText("note"), r), StatusCodes.CREATED);
    }

    private Route list() {
        return QueryParams.read(params -> {
            String code = checks.centre(params, "centre");
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

    private String by(Fields body) {
        return body.has("by") ? checks.centre(body, "by") : null;
    }

    private Route ask(String requestId, Function<ActorRef<MatchRequestEntity.Reply>, MatchRequestEntity.Command> command,
            StatusCode ok) {
        if (!isRequestId(requestId)) {
            throw ApiError.notFound("no match request " + requestId);
        }
        return onSuccess(asks.ask(MatchRequestEntity.TYPE_KEY, requestId, command, askTimeout), reply -> answer(reply, ok));
    }

    private static boolean isRequestId(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Route answer(MatchRequestEntity.Reply reply, StatusCode ok) {
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
            extras.put("reasons", refusal.reasons());
        }
        throw ApiError.conflict(refusal.error(), refusal.message(), extras);
    }
}
