package org.bloodbridge.persistence.readside;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
import org.apache.pekko.projection.javadsl.GroupedProjection;
import org.apache.pekko.projection.javadsl.Handler;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.bloodbridge.persistence.metrics.NodeMetrics;

/**
 * Projections of tagged events into a handler: one at-least-once projection per tag, reading the
 * journal's eventsByTag, its offset stored in Cassandra (pekko.projection.cassandra.offset-store).
 * Cluster Sharding runs them ({@link ShardedDaemonProcess}), so in a cluster each tag is projected
 * by exactly one node at a time and moves to another node when that one leaves.
 *
 * <p>Events come in groups (up to {@code bloodbridge.readside.projection-group.envelopes}, or what
 * arrived within {@code bloodbridge.readside.projection-group.within}); the handler is given each
 * entity's events of the group at once ({@link EntityRuns}), {@code parallelism} entities at a time, and the
 * group's offset is stored once every entity's handling has completed. A handler that writes an
 * entity's current state so writes once per entity and group instead of once per event.
 *
 * <p>At least once: after a restart the groups since the last stored offset are handled again, so
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
     * @param entityOf the entity an event belongs to
     * @param handler applies one entity's events of a group (never empty, in their order); the next
     *     group of the same tag waits for every entity of this one
     */
    public static <E> void start(ActorSystem<?> system, String name, List<String> tags, Class<E> eventType,
                                 Function<E, String> entityOf, Function<List<E>, CompletionStage<Done>> handler) {
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("no tags to project for " + name);
        }
        List<String> fixedTags = List.copyOf(tags);
        Config group = system.settings().config().getConfig("bloodbridge.readside.projection-group");
        int envelopes = group.getInt("envelopes");
        Duration within = group.getDuration("within");
        int parallelism = group.getInt("parallelism");
        ShardedDaemonProcess.get(system).init(
                ProjectionBehavior.Command.class,
                name,
                fixedTags.size(),
                index -> ProjectionBehavior.create(projection(system, name, fixedTags.get(index), eventType, entityOf, handler,
                        parallelism).withGroup(envelopes, within)),
                ShardedDaemonProcessSettings.create(system),
                Optional.of(ProjectionBehavior.stopMessage()));
    }

    /** Each event on its own, in order: for a handler that needs every event rather than the entity's state. */
    public static <E> void start(ActorSystem<?> system, String name, List<String> tags, Class<E> eventType,
                                 Function<E, CompletionStage<Done>> handler) {
        start(system, name, tags, eventType, event -> "", events -> {
            CompletionStage<Done> done = CompletableFuture.completedFuture(Done.getInstance());
            for (E event : events) {
                done = done.thenCompose(previous -> handler.apply(event));
            }
            return done;
        });
    }

    private static <E> GroupedProjection<Offset, EventEnvelope<Object>> projection(ActorSystem<?> system, String name,
            String tag, Class<E> eventType, Function<E, String> entityOf, Function<List<E>, CompletionStage<Done>> handler,
            int parallelism) {
        SourceProvider<Offset, EventEnvelope<Object>> events =
                EventSourcedProvider.eventsByTag(system, CassandraReadJournal.Identifier(), tag);
        NodeMetrics.ProjectionMeters meters = NodeMetrics.get(system).projection(name, tag);
        return CassandraProjection.groupedWithin(ProjectionId.of(name, tag), events, () -> new Handler<List<EventEnvelope<Object>>>() {
            @Override
            public CompletionStage<Done> process(List<EventEnvelope<Object>> envelopes) {
                List<E> group = new ArrayList<>(envelopes.size());
                for (EventEnvelope<Object> envelope : envelopes) {
                    Object event = envelope.event();
                    if (!eventType.isInstance(event)) {
                        throw new IllegalStateException("projection " + name + " of tag " + tag + " expects "
                                + eventType.getName() + " but " + envelope.persistenceId() + " event "
                                + envelope.sequenceNr() + " is a " + event.getClass().getName());
                    }
                    group.add(eventType.cast(event));
                }
                return inTurns(EntityRuns.byEntity(group, entityOf), 0, parallelism, handler).thenApply(done -> {
                    envelopes.forEach(envelope -> meters.handled(envelope.timestamp()));
                    return Done.getInstance();
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

    /** The runs from {@code from} on, {@code parallelism} at a time: a catching-up group must not flood Cassandra. */
    private static <E> CompletionStage<Done> inTurns(List<List<E>> runs, int from, int parallelism,
            Function<List<E>, CompletionStage<Done>> handler) {
        if (from >= runs.size()) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        CompletableFuture<?>[] turn = runs.subList(from, Math.min(runs.size(), from + parallelism)).stream()
                .map(run -> handler.apply(run).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(turn).thenCompose(all -> inTurns(runs, from + parallelism, parallelism, handler));
    }
}
