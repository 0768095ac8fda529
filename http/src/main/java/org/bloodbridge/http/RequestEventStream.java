package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.completeOK;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Source;
import org.bloodbridge.engine.ShardedAsk;
import org.bloodbridge.engine.request.Candidate;
import org.bloodbridge.engine.request.MatchRequestEntity;
import org.bloodbridge.engine.request.MatchRequestEvent;
import org.bloodbridge.http.access.Caller;
import org.bloodbridge.persistence.readside.FeedPosition;
import org.bloodbridge.persistence.readside.RequestEventFeed;

/**
 * {@code GET /api/v1/match-requests/events}: the events of every match request the caller may read
 * (its centres request it or have a candidate on it), live, as Server-Sent Events. Each event's
 * {@code id} is the feed position after it: a client that reconnects with {@code Last-Event-ID}
 * gets exactly the events after the last one it saw. Without one, the stream starts
 * {@link #CATCH_UP} back, so a board loaded just before it subscribed misses nothing (the client
 * treats events idempotently). The first event, {@code ready}, carries the starting position.
 *
 * <p>The source of record is the journal's eventsByTag ({@link RequestEventFeed}), not an in-node
 * event bus: it sees events persisted by any node of the cluster and replays from any position,
 * about a second after the write (eventual-consistency-delay). So that another screen shows a step
 * sooner, the node that took it also announces it at once ({@link RequestAnnouncements}); those
 * copies have no id, are at most once, and clients apply both copies by {@code seqNr}. The
 * subscription is one call for the rate limiter and one audit entry, however long it stays open.
 */
final class RequestEventStream {
    /** The data of one event: which request, what happened, by which centre and person. */
    record RequestEventView(String requestId, long seqNr, String type, String requestingCentre, String by, String subject,
                            Instant at, String donorId, String collectingCentre) {}

    static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /**
     * A stream ends after this long and the client reconnects from its last event: the token is
     * verified once per connection, so a signed-out user or a revoked role stops receiving soon.
     */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    /** Requests whose centres one subscription remembers before it forgets them all. */
    private static final int MAX_REMEMBERED = 10_000;

    private final RequestEventFeed feed;
    private final RequestAnnouncements announcements;
    private final ShardedAsk asks;
    private final Duration askTimeout;
    /** Ends every open stream when the node shuts down, rather than holding its shutdown back. */
    private final SharedKillSwitch shutdown = KillSwitches.shared("request-events");

    RequestEventStream(ActorSystem<?> system, RequestEventFeed feed, RequestAnnouncements announcements, ShardedAsk asks,
            Duration askTimeout) {
        this.feed = feed;
        this.announcements = announcements;
        this.asks = asks;
        this.askTimeout = askTimeout;
        CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "end-request-event-streams", () -> {
            shutdown.shutdown();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
    }

    Route route(Caller caller) {
        return optionalHeaderValueByName("Last-Event-ID", lastEventId -> {
            FeedPosition from = lastEventId.map(this::position).orElseGet(() -> feed.at(Instant.now().minus(CATCH_UP)));
            Map<String, RequestCentres> centres = new ConcurrentHashMap<>();
            Source<ServerSentEvent, NotUsed> stored = feed.from(from)
                    .mapAsync(1, item -> centresOf(item.event(), centres).thenApply(c -> Pair.create(item, c)))
                    .filter(p -> p.second().readableBy(caller))
                    .map(p -> event(p.first(), p.second()));
            // Announced by the node that took the step: at once, and without an id (the stored copy has it).
            Source<ServerSentEvent, NotUsed> announced = announcements.live()
                    .filter(a -> a.readers().stream().anyMatch(caller::actsFor))
                    .map(RequestEventStream::event);
            Source<ServerSentEvent, NotUsed> events = Source.single(ServerSentEvent.create("{}", "ready", from.encode()))
                    .concat(stored.merge(announced))
                    .takeWithin(MAX_LIFETIME)
                    .keepAlive(HEARTBEAT, ServerSentEvent::heartbeat)
                    .via(shutdown.flow());
            return completeOK(events, EventStreamMarshalling.toEventStream());
        });
    }

    private FeedPosition position(String lastEventId) {
        try {
            return FeedPosition.decode(lastEventId, feed.slices());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("Last-Event-ID", "Last-Event-ID is not an id this stream sent: " + e.getMessage());
        }
    }

    /** The requesting centre and the candidates' centres: fixed when the request is created. */
    private record RequestCentres(String requesting, List<String> all) {
        static final RequestCentres NONE = new RequestCentres(null, List.of());

        boolean readableBy(Caller caller) {
            return all.stream().anyMatch(caller::actsFor);
        }
    }

    private CompletionStage<RequestCentres> centresOf(MatchRequestEvent event, Map<String, RequestCentres> known) {
        RequestCentres cached = known.get(event.requestId());
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        if (known.size() >= MAX_REMEMBERED) {
            known.clear();
        }
        if (event instanceof MatchRequestEvent.Created created) {
            List<String> all = new ArrayList<>();
            all.add(created.criteria().requestingCentre());
            created.candidates().stream().map(Candidate::centre).forEach(all::add);
            RequestCentres centres = new RequestCentres(created.criteria().requestingCentre(), List.copyOf(all));
            known.put(event.requestId(), centres);
            return CompletableFuture.completedFuture(centres);
        }
        // Created before this stream's start: the request itself knows. A failed ask fails the
        // stream; the client reconnects from the last event it got and this is asked again.
        return asks.ask(MatchRequestEntity.TYPE_KEY, event.requestId(),
                        (ActorRef<MatchRequestEntity.Reply> r) -> new MatchRequestEntity.Get(r), askTimeout)
                .thenApply(reply -> {
                    RequestCentres centres = reply instanceof MatchRequestEntity.Current current
                            ? new RequestCentres(current.request().criteria().requestingCentre(),
                                    MatchRoutes.readers(current.request()))
                            : RequestCentres.NONE;
                    known.put(event.requestId(), centres);
                    return centres;
                });
    }

    private static ServerSentEvent event(RequestEventFeed.Item item, RequestCentres centres) {
        RequestEventView view = view(item, centres.requesting());
        return ServerSentEvent.create(json(view), view.type().toLowerCase(), item.position().encode());
    }

    private static ServerSentEvent event(RequestAnnouncements.Announcement a) {
        RequestEventView view = new RequestEventView(a.requestId(), a.seqNr(), a.type(), a.requestingCentre(), a.by(),
                a.subject(), a.at(), a.donorId(), a.collectingCentre());
        return ServerSentEvent.create(json(view), view.type().toLowerCase());
    }

    private static String json(RequestEventView view) {
        try {
            return Json.MAPPER.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // Java 17 has no pattern matching for switch, hence the instanceof chain. Types as in the timeline.
    static RequestEventView view(RequestEventFeed.Item item, String requestingCentre) {
        MatchRequestEvent e = item.event();
        String type;
        String donorId = null;
        String collectingCentre = null;
        if (e instanceof MatchRequestEvent.Created) {
            type = "CREATED";
        } else if (e instanceof MatchRequestEvent.CandidateMoved moved) {
            type = moved.to().name();
            donorId = moved.donorId();
        } else if (e instanceof MatchRequestEvent.Allocated allocated) {
            type = "ALLOCATED";
            donorId = allocated.donorId();
            collectingCentre = allocated.collectingCentre();
        } else if (e instanceof MatchRequestEvent.CandidateAdded added) {
            type = "CANDIDATE_ADDED";
            donorId = added.candidate().donorId();
        } else if (e instanceof MatchRequestEvent.Fulfilled) {
            type = "FULFILLED";
        } else if (e instanceof MatchRequestEvent.Cancelled) {
            type = "CANCELLED";
        } else if (e instanceof MatchRequestEvent.OutcomeRecorded recorded) {
            type = "OUTCOME_RECORDED";
            donorId = recorded.outcome().donorId();
        } else {
            throw new IllegalArgumentException("no stream type for " + e.getClass().getSimpleName());
        }
        return new RequestEventView(e.requestId(), item.seqNr(), type, requestingCentre, e.by(), e.subject(), e.at(),
                donorId, collectingCentre);
    }
}
