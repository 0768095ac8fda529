package org.bloodbridge.persistence.readside;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.stream.javadsl.Source;
import org.bloodbridge.engine.request.MatchRequestEntity;
import org.bloodbridge.engine.request.MatchRequestEvent;

/**
 * The match request events as they are stored, live, for the console's Server-Sent Events: the
 * journal's eventsByTag over every tag slice, from a {@link FeedPosition}. It reads what any node
 * of the cluster wrote (with pubsub-notification on, another node's write wakes the query at once;
 * eventual-consistency-delay bounds how late), and resuming from the position of the last event a
 * reader saw neither loses nor repeats one. Each reader has its own queries: a few per coordinator.
 */
public final class RequestEventFeed {
    /** One stored event, its number in its request, and the position just after it. */
    public record Item(MatchRequestEvent event, long seqNr, FeedPosition position) {}

    private final CassandraReadJournal journal;
    private final List<String> tags = MatchRequestEntity.tags();

    public RequestEventFeed(ActorSystem<?> system) {
        this.journal = PersistenceQuery.get(system).getReadJournalFor(CassandraReadJournal.class,
                CassandraReadJournal.Identifier());
    }

    /** How many offsets a position of this feed holds. */
    public int slices() {
        return tags.size();
    }

    /** The position at {@code time}: a feed from it has the events stored after that time. */
    public FeedPosition at(Instant time) {
        UUID offset = ((TimeBasedUUID) journal.timeBasedUUIDFrom(time.toEpochMilli())).value();
        return new FeedPosition(Collections.nCopies(tags.size(), offset));
    }

    /** Every event stored after {@code from}, live, each with the position to resume after it. */
    public Source<Item, NotUsed> from(FeedPosition from) {
        if (from.offsets().size() != tags.size()) {
            throw new IllegalArgumentException("a position of this feed has " + tags.size() + " offsets");
        }
        List<Integer> slices = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            slices.add(i);
        }
        return Source.from(slices)
                .flatMapMerge(slices.size(), slice -> journal
                        .eventsByTag(tags.get(slice), Offset.timeBasedUUID(from.offsets().get(slice)))
                        .map(envelope -> Pair.create(slice, envelope)))
                .scan(new Item(null, 0, from), (last, next) -> item(last.position(), next.first(), next.second()))
                .drop(1);
    }

    private static Item item(FeedPosition before, int slice, EventEnvelope envelope) {
        if (!(envelope.event() instanceof MatchRequestEvent event)) {
            throw new IllegalStateException(envelope.persistenceId() + " event " + envelope.sequenceNr() + " is a "
                    + envelope.event().getClass().getName() + ", not a match request event");
        }
        UUID offset = ((TimeBasedUUID) envelope.offset()).value();
        return new Item(event, envelope.sequenceNr(), before.with(slice, offset));
    }
}
