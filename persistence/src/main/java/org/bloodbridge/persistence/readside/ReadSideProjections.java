package org.bloodbridge.persistence.readside;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.bloodbridge.engine.ShardedAsk;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.donor.DonorEvent;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.donor.DonorTags;
import org.bloodbridge.engine.pool.CentrePool;
import org.bloodbridge.engine.request.MatchRequest;
import org.bloodbridge.engine.request.MatchRequestEntity;
import org.bloodbridge.engine.request.MatchRequestEvent;

/**
 * The projections that keep the read side: donor events into the donor summaries the pools
 * rebuild from (and, again, into the pools: the reliable path beside the entity's direct update),
 * donors' look-back recalls into each collecting centre's recall list, and match request events
 * into the listing by centre and each patient's history (requests and transfusion outcomes). Each
 * handler reads the entity's current state rather than folding events, so a redelivered or skipped-over event still leaves the newest
 * state; the tables keep the row with the highest event number. For the same reason each handles an
 * entity's events of one projection group at once: one ask and one row per donor or request, not
 * one per event.
 */
public final class ReadSideProjections {
    private ReadSideProjections() {}

    public static void start(ActorSystem<?> system, ReadSide readSide, List<String> centres, Duration askTimeout) {
        ShardedAsk asks = new ShardedAsk(system);
        Consumer<DonorSummary> pools = CentrePool.updates(system);
        TaggedProjection.start(system, "donor-summaries", DonorTags.tags(centres), DonorEvent.class, DonorEvent::donorId,
                events -> {
                    String donorId = events.get(0).donorId();
                    return asks.ask(DonorEntity.TYPE_KEY, donorId, (ActorRef<DonorEntity.Reply> r) -> new DonorEntity.GetSummary(r),
                            askTimeout).thenCompose(reply -> {
                        if (reply instanceof DonorEntity.Summary summary) {
                            return readSide.donorSummaries().upsert(summary.summary()).thenApply(done -> {
                                pools.accept(summary.summary());
                                return done;
                            });
                        }
                        return done();
                    }).thenCompose(done -> events.stream().anyMatch(ReadSideProjections::isRecallEvent)
                            ? recalls(asks, readSide, donorId, askTimeout) : done());
                });
        TaggedProjection.start(system, "match-request-listings", MatchRequestEntity.tags(), MatchRequestEvent.class,
                MatchRequestEvent::requestId, events -> asks.ask(MatchRequestEntity.TYPE_KEY, events.get(0).requestId(),
                        (ActorRef<MatchRequestEntity.Reply> r) -> new MatchRequestEntity.Get(r), askTimeout)
                        .thenCompose(reply -> reply instanceof MatchRequestEntity.Current current
                                ? readSide.requestListings().upsert(listing(current.request()))
                                        .thenCompose(done -> readSide.patientHistory().record(current.request()))
                                : done()));
    }

    private static boolean isRecallEvent(DonorEvent event) {
        return event instanceof DonorEvent.RecallsOpened || event instanceof DonorEvent.RecallAcknowledged;
    }

    /**
     * The donor's recalls into each collecting centre's list, as of the entity's newest event. In the
     * donor-summaries projection (its tags, its offsets) rather than one of its own, which would read
     * every donor event a second time for the few that open or close a recall.
     */
    private static CompletionStage<Done> recalls(ShardedAsk asks, ReadSide readSide, String donorId, Duration askTimeout) {
        return asks.ask(DonorEntity.TYPE_KEY, donorId, (ActorRef<DonorEntity.Reply> r) -> new DonorEntity.GetRecalls(r), askTimeout)
                .thenCompose(reply -> {
                    if (!(reply instanceof DonorEntity.Recalls recalls)) {
                        return done();
                    }
                    CompletableFuture<?>[] writes = recalls.recalls().stream()
                            .map(recall -> readSide.recalls().upsert(recall, recalls.seqNr()).toCompletableFuture())
                            .toArray(CompletableFuture[]::new);
                    return CompletableFuture.allOf(writes).thenApply(all -> Done.getInstance());
                });
    }

    /** One workflow entry per event, so their count is the entity's event number. */
    static RequestListing listing(MatchRequest r) {
        var c = r.criteria();
        return new RequestListing(c.requestingCentre(), r.createdAt(), r.requestId(), r.status().name(), c.product().name(),
                c.urgency().name(), c.hospital(), c.patient().reference(), c.neededBy(), r.events().size());
    }

    private static CompletionStage<Done> done() {
        return CompletableFuture.completedFuture(Done.getInstance());
    }
}
