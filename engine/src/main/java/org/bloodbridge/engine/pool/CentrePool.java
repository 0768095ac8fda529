package org.bloodbridge.engine.pool;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.actor.typed.PostStop;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.EngineMetrics;
import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.donor.DonorRecords;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.matching.PlateletCandidate;
import org.bloodbridge.engine.matching.RedCellCandidate;
import org.bloodbridge.engine.query.MatchCriteria;
import org.bloodbridge.engine.query.MatchQueries;
import org.bloodbridge.engine.query.MatchQuery;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * One centre's donor pool (sharded; entity id = centre code): the in-memory {@link PoolIndex} of
 * the centre's donors. Rebuilt from the {@link PoolStore} when it starts; until then it answers
 * "not ready", which a match request counts as a centre missing. Kept current by the summaries the
 * DonorEntity tells it after each event, and by the projection's at-least-once copies of them.
 */
public final class CentrePool extends AbstractBehavior<CentrePool.Command> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "CentrePool");

    public sealed interface Command extends CborSerializable {}

    /** A donor's latest summary; older or repeated ones are ignored. */
    public record Update(DonorSummary summary) implements Command {}

    /** Starts the pool (and its rebuild) if it is not running; nothing else. */
    public record Wake() implements Command {}

    /** The best {@code limit} candidates of this centre for a match request. */
    public record FindCandidates(MatchCriteria criteria, LocalDate today, int limit, ActorRef<Found> replyTo)
            implements Command {}

    /** {@code ready} false: still rebuilding, and the lists are empty. */
    public record Found(String centre, boolean ready, List<PlateletCandidate> platelets, List<RedCellCandidate> redCells)
            implements CborSerializable {}

    /**
     * A standing request asks to hear of every donor of this centre who comes to qualify for it: after
     * each applied update the pool checks the donor against the request and tells {@code replyTo}
     * when it does. Forgotten after {@code lifetime} unless sent again (the request repeats it, so a
     * pool that restarted or moved learns it again, and answers {@link WatchStarted}).
     */
    public record Watch(String requestId, MatchCriteria criteria, Duration lifetime, ActorRef<WatchNews> replyTo)
            implements Command {}

    public record Unwatch(String requestId) implements Command {}

    /** What a pool tells a standing request that watches it. */
    public sealed interface WatchNews extends CborSerializable {}

    /** A donor of {@code centre} now qualifies for the watching request (still to be re-confirmed by it). */
    public record Appeared(String centre, String donorId) implements WatchNews {}

    /**
     * The pool did not know the watch (it restarted or moved, or the watch expired): donors that
     * changed meanwhile went unseen, and the request searches this centre again to catch up.
     */
    public record WatchStarted(String centre) implements WatchNews {}

    public record Search(RegistryFilter filter, String afterDonorId, int limit, ActorRef<Searched> replyTo)
            implements Command {}

    public record Searched(String centre, boolean ready, List<String> donorIds) implements CborSerializable {}

    public record CountPanels(LocalDate from, LocalDate to, ActorRef<Counted> replyTo) implements Command {}

    public record Counted(String centre, boolean ready, PoolCounts from, PoolCounts to) implements CborSerializable {}

    private record Loaded(List<DonorSummary> page) implements Command {}

    private record Rebuilt(Throwable failure) implements Command {}

    private record RetryRebuild() implements Command {}

    private record Watching(MatchQuery query, LocalDate neededBy, ActorRef<WatchNews> replyTo, long untilNanos) {}

    /** A panel donor's record answered the warm-up (summary null: not registered, or no answer). */
    private record Warmed(DonorSummary summary) implements Command {}

    public static void initSharding(ActorSystem<?> system, TypingTables tables, MatchQueries queries, PoolStore store,
            DonorRecords records, PoolSettings settings) {
        // A pool holds its whole index in memory: it must never be passivated.
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY,
                        ctx -> create(ctx.getEntityId(), tables, queries, store, records, settings))
                .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    }

    /** Tells a summary to its home centre's pool, wherever it runs. */
    public static Consumer<DonorSummary> updates(ActorSystem<?> system) {
        ClusterSharding sharding = ClusterSharding.get(system);
        return summary -> sharding.entityRefFor(TYPE_KEY, summary.homeCentre()).tell(new Update(summary));
    }

    /** Starts every centre's pool that is not running (see {@link org.bloodbridge.engine.KeepAlive}). */
    public static void wakeAll(ActorSystem<?> system, List<String> centres) {
        ClusterSharding sharding = ClusterSharding.get(system);
        centres.forEach(centre -> sharding.entityRefFor(TYPE_KEY, centre).tell(new Wake()));
    }

    public static Behavior<Command> create(String centre, TypingTables tables, MatchQueries queries, PoolStore store,
            DonorRecords records, PoolSettings settings) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new CentrePool(ctx, timers, centre, tables, queries, store, records, settings)));
    }

    private final TimerScheduler<Command> timers;
    private final String centre;
    private final MatchQueries queries;
    private final PoolStore store;
    private final DonorRecords records;
    private final PoolSettings settings;
    private final PoolIndex index;
    /** Standing requests watching this pool, by requestId. */
    private final Map<String, Watching> watches = new HashMap<>();
    private final EngineMetrics metrics;
    private boolean ready;
    private long rebuildStarted;
    /** Panel donors whose records the warm-up has yet to ask, and how many asks are in flight. */
    private Iterator<String> toWarm = Collections.emptyIterator();
    private int warming;
    private int warmed;
    private long warmStarted;

    private CentrePool(ActorContext<Command> context, TimerScheduler<Command> timers, String centre, TypingTables tables,
            MatchQueries queries, PoolStore store, DonorRecords records, PoolSettings settings) {
        super(context);
        this.timers = timers;
        this.centre = centre;
        this.queries = queries;
        this.store = store;
        this.records = records;
        this.settings = settings;
        this.index = new PoolIndex(centre, tables);
        this.metrics = EngineMetrics.of(context.getSystem());
        rebuild();
    }

    private void rebuild() {
        ActorRef<Command> self = getContext().getSelf();
        getContext().getLog().info("pool {}: rebuilding from the read side", centre);
        rebuildStarted = System.nanoTime();
        metrics.poolRebuilding(centre);
        store.loadCentre(centre, page -> self.tell(new Loaded(page)))
                .whenComplete((done, failure) -> self.tell(new Rebuilt(failure)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Update.class, u -> {
                    if (upsert(u.summary())) {
                        metrics.poolSize(centre, index.size());
                        tellWatchers(u.summary().donorId());
                    }
                    return this;
                })
                .onMessage(Watch.class, this::watch)
                .onMessage(Unwatch.class, u -> {
                    watches.remove(u.requestId());
                    return this;
                })
                .onMessage(Loaded.class, l -> {
                    l.page().forEach(this::upsert);
                    metrics.poolSize(centre, index.size());
                    return this;
                })
                .onMessage(Rebuilt.class, this::rebuilt)
                .onMessage(RetryRebuild.class, r -> {
                    rebuild();
                    return this;
                })
                .onMessage(Warmed.class, this::warmed)
                .onMessage(Wake.class, w -> this)
                .onMessage(FindCandidates.class, this::find)
                .onMessage(Search.class, s -> {
                    s.replyTo().tell(new Searched(centre, ready,
                            ready ? index.search(s.filter(), s.afterDonorId(), s.limit()) : List.of()));
                    return this;
                })
                .onMessage(CountPanels.class, c -> {
                    c.replyTo().tell(ready
                            ? new Counted(centre, true, index.countsOn(c.from()), index.countsOn(c.to()))
                            : new Counted(centre, false, null, null));
                    return this;
                })
                .onSignal(PostStop.class, stop -> {
                    metrics.poolStopped(centre);
                    return this;
                })
                .build();
    }

    /** @return whether the index changed */
    private boolean upsert(DonorSummary summary) {
        return !(settings.ignoreChanges() && index.contains(summary.donorId())) && index.upsert(summary);
    }

    private Behavior<Command> watch(Watch w) {
        try {
            Watching before = watches.put(w.requestId(), new Watching(queries.compile(w.criteria()), w.criteria().neededBy(),
                    w.replyTo(), System.nanoTime() + w.lifetime().toNanos()));
            if (before == null) {
                w.replyTo().tell(new WatchStarted(centre));
            }
        } catch (InvalidField | IllegalArgumentException e) { // tables differ from the requesting node's (a rolling upgrade)
            getContext().getLog().warn("pool {}: cannot watch for standing request {}: {}", centre, w.requestId(),
                    e.getMessage());
        }
        return this;
    }

    /** Tells each standing request for which the donor now qualifies; drops watches not renewed in time. */
    private void tellWatchers(String donorId) {
        if (watches.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        watches.values().removeIf(w -> now - w.untilNanos() > 0);
        for (Watching w : watches.values()) {
            boolean qualifies = w.query().platelets() != null
                    ? index.qualifiesForPlatelets(w.query().platelets(), donorId, w.neededBy())
                    : index.qualifiesForRedCells(w.query().redCells(), donorId, w.neededBy());
            if (qualifies) {
                w.replyTo().tell(new Appeared(centre, donorId));
            }
        }
    }

    private Behavior<Command> rebuilt(Rebuilt r) {
        if (r.failure() != null) {
            getContext().getLog().warn("pool {}: rebuild failed, retrying in {}: {}", centre, settings.rebuildRetry(),
                    r.failure().toString());
            timers.startSingleTimer(new RetryRebuild(), settings.rebuildRetry());
        } else {
            ready = true;
            getContext().getLog().info("pool {}: ready with {} donors", centre, index.size());
            metrics.poolSize(centre, index.size());
            metrics.poolReady(centre, System.nanoTime() - rebuildStarted);
            startWarming();
        }
        return this;
    }

    private void startWarming() {
        if (settings.warmParallelism() <= 0) {
            return;
        }
        toWarm = index.panelDonors().iterator();
        warmStarted = System.nanoTime();
        for (int i = 0; i < settings.warmParallelism() && toWarm.hasNext(); i++) {
            warmNext();
        }
        if (warming == 0) {
            logWarm();
        }
    }

    private void warmNext() {
        if (toWarm.hasNext()) {
            warming++;
            getContext().pipeToSelf(records.summaryOf(toWarm.next()), (summary, failure) -> new Warmed(summary));
        } else if (warming == 0) {
            logWarm();
        }
    }

    private void logWarm() {
        getContext().getLog().info("pool {}: {} panel donors' records in memory after {} ms", centre, warmed,
                (System.nanoTime() - warmStarted) / 1_000_000);
    }

    /** The record's summary is at least as new as the read side's, which may lag: index it too. */
    private Behavior<Command> warmed(Warmed w) {
        warming--;
        if (w.summary() != null) {
            warmed++;
            upsert(w.summary());
        }
        warmNext();
        return this;
    }

    private Behavior<Command> find(FindCandidates f) {
        if (settings.silentCentres().contains(centre)) {
            return this;
        }
        if (!ready) {
            f.replyTo().tell(new Found(centre, false, List.of(), List.of()));
            return this;
        }
        // Compiled here (once per node) rather than sent compiled: the criteria cross the network, the tables do not.
        MatchQuery query;
        try {
            query = queries.compile(f.criteria());
        } catch (InvalidField | IllegalArgumentException e) { // tables differ from the requesting node's (a rolling upgrade)
            getContext().getLog().warn("pool {}: cannot read a match request with its tables: {}", centre, e.getMessage());
            f.replyTo().tell(new Found(centre, false, List.of(), List.of()));
            return this;
        }
        LocalDate neededBy = f.criteria().neededBy();
        f.replyTo().tell(query.platelets() != null
                ? new Found(centre, true, index.findPlatelets(query.platelets(), neededBy, f.today(), f.limit()), List.of())
                : new Found(centre, true, List.of(), index.findRedCells(query.redCells(), neededBy, f.today(), f.limit())));
        return this;
    }
}
