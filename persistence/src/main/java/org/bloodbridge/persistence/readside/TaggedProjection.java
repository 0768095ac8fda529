package org.bloodbridge.persistence.readside;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.AtLeastOnceProjection;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.bloodbridge.persistence.metrics.NodeMetrics;

/**
 * Projections of tagged events into a handler: one at-least-once projection per tag, reading the
 * journal's eventsByTag, its offset stored in Cassandra (pekko.projection.cassandra.offset-store).
 * Cluster Sharding runs them ({@link ShardedDaemonProcess}), so in a cluster each tag is projected
 * by exactly one node at a time and moves to another node when that one leaves.
 *
 * <p>At least once: after a restart the events since the last stored offset are handled again, so
 * the handler must be idempotent (the read-side tables' upserts are). The node must have joined
 * the cluster, and the offset tables must exist ({@link ReadSide#ready()}).
 */
public final class TaggedProjection {
    private TaggedProjection() {}

    /**
     * Starts projecting {@code tags} under {@code name} (the projection id is (name, tag); keep both
     * stable, the offsets are stored under them). Call it once per name on every node.
     *
     * @param eventType the events these tags carry; another event fails the projection, which then
     *     restarts with back-off: skipping it would silently lose a read-side update
     * @param handler applies one event; the next event of the same tag waits for it to complete
     */
    public static <E> void start(ActorSystem<?> system, String name, List<String> tags, Class<E> eventType,
                                 Function<E, CompletionStage<Done>> handler) {
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("no tags to project for " + name);
        }
        List<String> fixedTags = List.copyOf(tags);
        ShardedDaemonProcess.get(system).init(
                ProjectionBehavior.Command.class,
                name,
                fixedTags.size(),
                index -> ProjectionBehavior.create(projection(system, name, fixedTags.get(index), eventType, handler)),
                ShardedDaemonProcessSettings.create(system),
                Optional.of(ProjectionBehavior.stopMessage()));
    }

    private static <E> AtLeastOnceProjection<Offset, EventEnvelope<Object>> projection(
            ActorSystem<?> system, String name, String tag, Class<E> eventType, Function<E, CompletionStage<Done>> handler) {
        SourceProvider<Offset, EventEnvelope<Object>> events =
                EventSourcedProvider.eventsByTag(system, CassandraReadJournal.Identifier(), tag);
        NodeMetrics.ProjectionMeters meters = NodeMetrics.get(system).projection(name, tag);
        return CassandraProjection.atLeastOnce(ProjectionId.of(name, tag), events, () -> new Handler<EventEnvelope<Object>>() {
            @Override
            public CompletionStage<Done> process(EventEnvelope<Object> envelope) {
                Object event = envelope.event();
                if (!eventType.isInstance(event)) {
                    throw new IllegalStateException("projection " + name + " of tag " + tag + " expects "
                            + eventType.getName() + " but " + envelope.persistenceId() + " event "
                            + envelope.sequenceNr() + " is a " + event.getClass().getName());
                }
                return handler.apply(eventType.cast(event)).thenApply(done -> {
                    meters.handled(envelope.timestamp());
                    return done;
                });
            }

            /** The projection stops here (it restarts, or moves to another node, which reports its lag from then on). */
            @Override
            public CompletionStage<Done> stop() {
                meters.stopped();
                return super.stop();
            }
        });
    }
}
