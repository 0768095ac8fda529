package org.bloodbridge.engine.request;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.bloodbridge.engine.CborSerializable;

/**
 * The open standing requests of the federation (one sharded entity, id {@link #ID}): the durable
 * list that keeps each of them running. Every {@code interval} it tells each one
 * {@link MatchRequestEntity.KeepStanding} through sharding, which starts a request that is not
 * running (after a restart, a crash or a shard move) and keeps a running one from passivating; the
 * request then renews its watches on every pool. A request adds itself when it is created standing
 * and removes itself when it closes; both are idempotent and repeated by the request.
 */
public final class StandingRequests extends EventSourcedBehavior<StandingRequests.Command, StandingRequests.Event,
        StandingRequests.State> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "StandingRequests");
    public static final String ID = "all";

    public sealed interface Command extends CborSerializable {}

    public record Add(String requestId) implements Command {}

    public record Remove(String requestId) implements Command {}

    /** Starts the entity if it is not running; nothing else. */
    public record Wake() implements Command {}

    private enum Tick implements Command { INSTANCE }

    public sealed interface Event extends CborSerializable {}

    public record Added(String requestId) implements Event {}

    public record Removed(String requestId) implements Event {}

    public record State(Set<String> requestIds) implements CborSerializable {
        public State {
            requestIds = Set.copyOf(requestIds);
        }

        State with(Event event) {
            Set<String> next = new TreeSet<>(requestIds);
            if (event instanceof Added a) {
                next.add(a.requestId());
            } else if (event instanceof Removed r) {
                next.remove(r.requestId());
            }
            return new State(next);
        }
    }

    public static void initSharding(ActorSystem<?> system, Duration interval) {
        // Must keep running to keep ticking: never passivated (a node's keep-alive also wakes it).
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> create(system, interval))
                .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    }

    /** Tells the list, wherever it runs. */
    public static void tell(ActorSystem<?> system, Command command) {
        ClusterSharding.get(system).entityRefFor(TYPE_KEY, ID).tell(command);
    }

    private static Behavior<Command> create(ActorSystem<?> system, Duration interval) {
        return Behaviors.withTimers(timers -> new StandingRequests(ClusterSharding.get(system), timers, interval));
    }

    private final ClusterSharding sharding;
    private final TimerScheduler<Command> timers;
    private final Duration interval;

    private StandingRequests(ClusterSharding sharding, TimerScheduler<Command> timers, Duration interval) {
        super(PersistenceId.of(TYPE_KEY.name(), ID));
        this.sharding = sharding;
        this.timers = timers;
        this.interval = interval;
    }

    @Override
    public State emptyState() {
        return new State(Set.of());
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        // Every standing request ever made adds two events; a snapshot keeps recovery short.
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public CommandHandler<Command, Event, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Add.class, (state, c) -> state.requestIds().contains(c.requestId())
                        ? Effect().none() : Effect().persist(new Added(c.requestId())))
                .onCommand(Remove.class, (state, c) -> state.requestIds().contains(c.requestId())
                        ? Effect().persist(new Removed(c.requestId())) : Effect().none())
                .onCommand(Wake.class, (state, c) -> Effect().none())
                .onCommand(Tick.class, (state, c) -> {
                    state.requestIds().forEach(id -> sharding.entityRefFor(MatchRequestEntity.TYPE_KEY, id)
                            .tell(new MatchRequestEntity.KeepStanding()));
                    return Effect().none();
                })
                .build();
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(State::with);
    }

    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state ->
                        timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, interval))
                .build();
    }
}
