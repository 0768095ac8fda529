package org.bloodbridge.engine.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.Recovery;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.EngineMetrics;
import org.bloodbridge.engine.ReplyingCommand;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.pool.CentrePool;
import org.bloodbridge.engine.outcome.PatientOutcomes;
import org.bloodbridge.engine.outcome.TransfusionOutcome;
import org.bloodbridge.engine.query.MatchCriteria;
import org.bloodbridge.engine.query.MatchQueries;
import org.bloodbridge.engine.query.MatchQuery;

/**
 * One match request (sharded by requestId): on {@link Create} it searches every centre's pool with
 * a hard deadline ({@link CandidateSearch}), persists what it found and answers; then it runs the
 * recruitment and allocation workflow of domain-rules.md section 6. Allocation reserves the donor
 * in their DonorEntity, the one place that can refuse a donor already held by another request.
 * <p>
 * A step that must hear from a DonorEntity first (search, contact, accept, allocate) is in flight
 * in {@code pending}; commands arriving meanwhile are stashed, so steps on one request never interleave.
 * <p>
 * A standing request (section 7) also watches every pool: a pool tells it of each donor who comes to
 * qualify after the search, and the request re-confirms that donor with its DonorEntity and appends
 * it as a candidate ({@link MatchRequestEvent.CandidateAdded}). {@link StandingRequests} keeps it
 * running and its watches renewed until it closes.
 * <p>
 * Any other request leaves memory once it has gone {@code passivateAfterIdle} without a command
 * and no step is in flight; the next command recovers it from its events.
 */
public final class MatchRequestEntity
        extends EventSourcedBehaviorWithEnforcedReplies<MatchRequestEntity.Command, MatchRequestEvent, MatchRequestEntity.State> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "MatchRequest");

    /** Events are tagged {@code match-request-<n>}; part of the stored data, so never change it. */
    public static final int TAG_SLICES = 4;

    public static String tagFor(String requestId) {
        return "match-request-" + Math.floorMod(requestId.hashCode(), TAG_SLICES);
    }

    public static List<String> tags() {
        return IntStream.range(0, TAG_SLICES).mapToObj(n -> "match-request-" + n).toList();
    }

    // ---- protocol ---------------------------------------------------------------------------

    public sealed interface Command extends CborSerializable {}

    /** A command from outside, answered with a {@link Reply}. */
    public sealed interface Request extends Command, ReplyingCommand<Reply> {}

    /**
     * Search the pools and store the result; answered by {@code criteria.timeoutMs()} plus the time to
     * persist. {@code patient}: the patient's earlier transfusion outcomes (patient memory), looked up
     * once by the caller before the search.
     */
    public record Create(MatchCriteria criteria, String subject, PatientOutcomes patient, ActorRef<Reply> replyTo)
            implements Request {

        public Create(MatchCriteria criteria, String subject, ActorRef<Reply> replyTo) {
            this(criteria, subject, PatientOutcomes.NONE, replyTo);
        }
    }

    public record Get(ActorRef<Reply> replyTo) implements Request {}

    /** Contact, accept or decline a candidate; {@code by} is the acting centre. */
    public record MoveCandidate(String donorId, CandidateState to, String by, String subject, String note,
            ActorRef<Reply> replyTo)
            implements Request {}

    public record Allocate(String donorId, String collectingCentre, String by, String subject, String note,
            ActorRef<Reply> replyTo)
            implements Request {}

    /**
     * Record a transfusion of an allocated donor's unit (domain-rules.md section 7); the values are
     * checked for range by the caller, {@code bsa} given or computed from height and weight.
     */
    public record RecordOutcome(String donorId, Instant transfusedAt, double preCount, double postCount,
            double postHours, double plateletDose, double bsa, Double heightCm, Double weightKg, Integer unitAgeDays,
            String by, String subject, String note, ActorRef<Reply> replyTo) implements Request {}

    public record Fulfil(String by, String subject, String note, ActorRef<Reply> replyTo) implements Request {}

    public record Cancel(String by, String subject, String note, ActorRef<Reply> replyTo) implements Request {}

    /** From {@link StandingRequests}: a standing request renews its watches (and the message keeps it running). */
    public record KeepStanding() implements Command {}

    /** Starts (recovers) the entity and does nothing else: sent ahead of a {@link Create} so that recovery overlaps the caller's own reads. */
    public record Wake() implements Command {}

    /** No command came for {@code passivateAfterIdle}. */
    private enum Idle implements Command { INSTANCE }

    private record SearchFinished(CandidateSearch.Result result) implements Command {}

    /** A pool's news for a standing request: a donor now qualifies, or the pool has just started watching. */
    private record PoolNews(CentrePool.WatchNews news) implements Command {}

    /** A catch-up search of a standing request ended. */
    private record CaughtUp(CandidateSearch.Result result) implements Command {}

    /** The DonorEntity's answer about a donor who appeared (null: no answer in time). */
    private record AppearedDonorAnswered(String donorId, DonorEntity.Reply reply) implements Command {}

    /** A DonorEntity's answer to the pending step (null reply: it did not answer in time). */
    private record DonorAnswered(DonorEntity.Reply reply) implements Command {}

    public sealed interface Reply extends CborSerializable {}

    public record Current(MatchRequest request) implements Reply {}

    public record NotFound(String requestId) implements Reply {}

    public record Refused(Refusal refusal) implements Reply {}

    /** A DonorEntity needed for the step did not answer: nothing was written, the client may retry. */
    public record Unavailable(String message) implements Reply {}

    /** Empty until created. A wrapper because the state of an event sourced behaviour must not be null. */
    public record State(MatchRequest request) implements CborSerializable {
        static final State NONE = new State(null);
    }

    // ---- behaviour -------------------------------------------------------------------------

    private final String requestId;
    private final ActorContext<Command> context;
    private final ClusterSharding sharding;
    private final MatchQueries queries;
    private final RuleSet rules;
    private final Clock clock;
    private final List<String> centres;
    private final Duration askTimeout;
    private final Duration standingRenewal;
    private final TimerScheduler<Command> timers;
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final Duration passivateAfterIdle;
    private final EngineMetrics metrics;
    /** Where pools tell a standing request of donors who appeared; made on first use. */
    private ActorRef<CentrePool.WatchNews> poolNews;
    /** The day of the last full catch-up search of a standing request: eligibility moves by days. */
    private LocalDate caughtUpOn;
    /** The step waiting for a search or a DonorEntity; not persisted (a crash loses it, and its asker times out). */
    private Request pending;

    private MatchRequestEntity(String requestId, ActorContext<Command> context, TimerScheduler<Command> timers,
            ActorRef<ClusterSharding.ShardCommand> shard, MatchQueries queries, RuleSet rules, Clock clock,
            List<String> centres, Duration askTimeout, Duration standingRenewal, Duration passivateAfterIdle) {
        super(PersistenceId.of(TYPE_KEY.name(), requestId),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
        this.requestId = requestId;
        this.context = context;
        this.sharding = ClusterSharding.get(context.getSystem());
        this.queries = queries;
        this.rules = rules;
        this.clock = clock;
        this.centres = List.copyOf(centres);
        this.askTimeout = askTimeout;
        this.standingRenewal = standingRenewal;
        this.timers = timers;
        this.shard = shard;
        this.passivateAfterIdle = passivateAfterIdle;
        this.metrics = EngineMetrics.of(context.getSystem());
        metrics.requestStarted();
    }

    /**
     * @param centres every federated centre: the pools a request searches
     * @param askTimeout how long a step waits for a DonorEntity
     * @param standingRenewal how often {@link StandingRequests} renews a standing request (its watches last 4 times that)
     * @param passivateAfterIdle how long a request that is not an open standing one stays in memory without a command
     */
    public static void initSharding(ActorSystem<?> system, MatchQueries queries, RuleSet rules, Clock clock,
            List<String> centres, Duration askTimeout, Duration standingRenewal, Duration passivateAfterIdle) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, entity -> Behaviors.<Command>setup(ctx -> Behaviors.withTimers(
                timers -> new MatchRequestEntity(entity.getEntityId(), ctx, timers, entity.getShard(), queries, rules, clock,
                        centres, askTimeout, standingRenewal, passivateAfterIdle)))));
    }

    @Override
    public State emptyState() {
        return State.NONE;
    }

    @Override
    public Recovery recovery() {
        // A request has a handful of events and never a snapshot: not asking the snapshot store
        // saves a Cassandra read on every new request, which is every match.
        return Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.none());
    }

    @Override
    public Set<String> tagsFor(MatchRequestEvent event) {
        return Set.of(tagFor(event.requestId()));
    }

    /**
     * The search's and the donors' answers first; while a step is in flight every request waits
     * (stashed); then by whether the request exists.
     */
    @Override
    public CommandHandlerWithReply<Command, MatchRequestEvent, State> commandHandler() {
        var builder = newCommandHandlerWithReplyBuilder();
        builder.forAnyState()
                .onCommand(Idle.class, (state, idle) -> idle(state.request()))
                .onCommand(Wake.class, () -> Effect().noReply())
                .onCommand(SearchFinished.class, finished -> created(finished.result()))
                .onCommand(DonorAnswered.class, (state, answered) -> donorAnswered(state.request(), answered.reply()))
                .onCommand(KeepStanding.class, (state, k) -> keepStanding(state.request()))
                .onCommand(PoolNews.class, (state, n) -> n.news() instanceof CentrePool.Appeared a
                        ? donorAppeared(state.request(), a.donorId())
                        : watchStarted(state.request(), ((CentrePool.WatchStarted) n.news()).centre()))
                .onCommand(CaughtUp.class, (state, c) -> caughtUp(state.request(), c.result()))
                .onCommand(AppearedDonorAnswered.class, (state, a) -> appearedDonorAnswered(state.request(), a));
        builder.forState(state -> pending != null)
                .onCommand(Request.class, () -> Effect().stash());
        builder.forState(state -> state.request() == null)
                .onCommand(Create.class, this::search)
                .onCommand(Request.class, (state, c) -> Effect().reply(c.replyTo(), new NotFound(requestId)));
        builder.forState(state -> state.request() != null)
                .onCommand(Create.class, (state, c) -> Effect().reply(c.replyTo(), new Current(state.request())))
                .onCommand(Get.class, (state, c) -> Effect().reply(c.replyTo(), new Current(state.request())))
                .onCommand(MoveCandidate.class, (state, c) -> move(state.request(), c))
                .onCommand(Allocate.class, (state, c) -> allocate(state.request(), c))
                .onCommand(RecordOutcome.class, (state, c) -> recordOutcome(state.request(), c))
                .onCommand(Fulfil.class, (state, c) -> close(state.request().refusalToFulfil(), c.replyTo(),
                        new MatchRequestEvent.Fulfilled(requestId, by(state.request(), c.by()), clock.instant(), c.note(), c.subject())))
                .onCommand(Cancel.class, (state, c) -> close(state.request().refusalToCancel(), c.replyTo(),
                        new MatchRequestEvent.Cancelled(requestId, by(state.request(), c.by()), clock.instant(), c.note(), c.subject())));
        CommandHandlerWithReply<Command, MatchRequestEvent, State> handler = builder.build();
        return (state, command) -> {
            if (command != Idle.INSTANCE) {
                timers.startSingleTimer(Idle.INSTANCE, passivateAfterIdle); // replaces the running one
            }
            return handler.apply(state, command);
        };
    }

    /**
     * Out of memory unless a step is in flight (its answer would be lost) or the request is an open
     * standing one (it must hear the pools; {@link StandingRequests} would only start it again).
     * The shard buffers commands that arrive while it stops and starts a new incarnation for them.
     */
    private ReplyEffect<MatchRequestEvent, State> idle(MatchRequest request) {
        boolean standing = request != null && request.criteria().standing() && request.status().open();
        if (pending == null && !standing) {
            shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
        }
        return Effect().noReply(); // otherwise the next command arms the timer again
    }

    private ReplyEffect<MatchRequestEvent, State> search(State state, Create create) {
        MatchQuery query = queries.compile(create.criteria());
        pending = create;
        if (create.criteria().standing()) {
            watchPools(create.criteria()); // before the search, so that no donor falls between the two
        }
        ActorRef<CandidateSearch.Result> results = context.messageAdapter(CandidateSearch.Result.class, SearchFinished::new);
        PatientOutcomes patient = create.patient() == null ? PatientOutcomes.NONE : create.patient();
        context.spawnAnonymous(CandidateSearch.create(requestId, query, centres, LocalDate.now(clock), rules,
                Duration.ofMillis(create.criteria().timeoutMs()), patient, results));
        return Effect().noReply();
    }

    private ReplyEffect<MatchRequestEvent, State> created(CandidateSearch.Result result) {
        Create create = (Create) pending;
        pending = null;
        var event = new MatchRequestEvent.Created(requestId, create.criteria().requestingCentre(), clock.instant(),
                create.criteria(), result.candidates(), result.centresAnswered(), result.centresMissing(), create.subject(),
                create.patient() == null ? List.of() : create.patient().outcomes());
        return Effect().persist(event).thenRun(s -> {
            if (create.criteria().standing()) {
                StandingRequests.tell(context.getSystem(), new StandingRequests.Add(requestId));
                caughtUpOn = LocalDate.now(clock); // the search just made is today's
            }
        }).thenReply(create.replyTo(), s -> new Current(s.request())).thenUnstashAll();
    }

    // ---- standing requests ----------------------------------------------------------------------

    private ReplyEffect<MatchRequestEvent, State> keepStanding(MatchRequest request) {
        renewStanding(request);
        return Effect().noReply();
    }

    /** An open standing request renews its watches; a closed one takes itself off the list (again). */
    private void renewStanding(MatchRequest request) {
        if (request == null || !request.criteria().standing()) {
            return; // not (or not yet) a standing request: a Create still searching adds itself when it is stored
        }
        if (request.status().open()) {
            StandingRequests.tell(context.getSystem(), new StandingRequests.Add(requestId));
            watchPools(request.criteria());
            LocalDate today = LocalDate.now(clock);
            if (!today.equals(caughtUpOn)) { // just started (news may have gone to its former self), or a new day
                caughtUpOn = today;
                catchUp(request, centres);
            }
        } else {
            stopStanding();
        }
    }

    private void watchPools(MatchCriteria criteria) {
        if (poolNews == null) {
            poolNews = context.messageAdapter(CentrePool.WatchNews.class, PoolNews::new);
        }
        for (String centre : centres) {
            sharding.entityRefFor(CentrePool.TYPE_KEY, centre).tell(new CentrePool.Watch(requestId, criteria,
                    standingRenewal.multipliedBy(4), poolNews));
        }
    }

    private void stopStanding() {
        StandingRequests.tell(context.getSystem(), new StandingRequests.Remove(requestId));
        centres.forEach(centre -> sharding.entityRefFor(CentrePool.TYPE_KEY, centre).tell(new CentrePool.Unwatch(requestId)));
    }

    /** A pool (re)started watching: search it again for donors who changed while nobody watched. */
    private ReplyEffect<MatchRequestEvent, State> watchStarted(MatchRequest request, String centre) {
        if (request != null && request.status().open()) { // while the first search runs, that search covers it
            catchUp(request, List.of(centre));
        }
        return Effect().noReply();
    }

    private void catchUp(MatchRequest request, List<String> pools) {
        ActorRef<CandidateSearch.Result> results = context.messageAdapter(CandidateSearch.Result.class, CaughtUp::new);
        context.spawnAnonymous(CandidateSearch.create(requestId, queries.compile(request.criteria()), pools,
                LocalDate.now(clock), rules, Duration.ofMillis(request.criteria().timeoutMs()), request.patientOutcomes(),
                results));
    }

    /** The catch-up search's re-confirmed donors that are not candidates yet, best first, as {@link MatchRequest#admit} takes them. */
    private ReplyEffect<MatchRequestEvent, State> caughtUp(MatchRequest request, CandidateSearch.Result result) {
        if (request == null) {
            return Effect().noReply();
        }
        List<MatchRequestEvent> added = new ArrayList<>();
        MatchRequest after = request;
        for (Candidate candidate : result.candidates()) {
            Optional<MatchRequestEvent.CandidateAdded> event = after.admit(candidate, clock.instant());
            if (event.isPresent()) {
                added.add(event.get());
                after = after.apply(event.get());
            }
        }
        return added.isEmpty() ? Effect().noReply() : Effect().persist(added).thenNoReply();
    }

    /** A pool says the donor now qualifies: ask the donor's record, which decides (the pool may lag it). */
    private ReplyEffect<MatchRequestEvent, State> donorAppeared(MatchRequest request, String donorId) {
        if (request == null) {
            return pending instanceof Create ? Effect().stash() : Effect().noReply(); // heard while searching: after it
        }
        if (request.mayTakeNewCandidate(donorId)) {
            context.ask(DonorEntity.Reply.class, sharding.entityRefFor(DonorEntity.TYPE_KEY, donorId), askTimeout,
                    DonorEntity.Get::new, (reply, failure) -> new AppearedDonorAnswered(donorId, reply));
        }
        return Effect().noReply();
    }

    private ReplyEffect<MatchRequestEvent, State> appearedDonorAnswered(MatchRequest request, AppearedDonorAnswered a) {
        if (request == null || !request.mayTakeNewCandidate(a.donorId())
                || !(a.reply() instanceof DonorEntity.Accepted accepted)) {
            return Effect().noReply(); // no answer: the pool tells again on the donor's next change
        }
        List<Candidate> confirmed = Confirmation.confirm(queries.compile(request.criteria()), List.of(accepted.donor()),
                requestId, rules, LocalDate.now(clock), request.patientOutcomes());
        Optional<MatchRequestEvent.CandidateAdded> added = confirmed.isEmpty()
                ? Optional.empty() : request.admit(confirmed.get(0), clock.instant());
        return added.isPresent() ? Effect().persist(added.get()).thenNoReply() : Effect().noReply();
    }

    private ReplyEffect<MatchRequestEvent, State> move(MatchRequest request, MoveCandidate move) {
        var refusal = request.refusalToMove(move.donorId(), move.to());
        if (refusal.isPresent()) {
            return Effect().reply(move.replyTo(), new Refused(refusal.get()));
        }
        if (move.to() == CandidateState.DECLINED) {
            return persistAndReply(moved(request, move), move.replyTo());
        }
        // Contacting or accepting a donor another request holds is refused: ask the donor first.
        return askDonor(move, move.donorId(), replyTo -> new DonorEntity.Get(replyTo));
    }

    private ReplyEffect<MatchRequestEvent, State> allocate(MatchRequest request, Allocate allocate) {
        var refusal = request.refusalToAllocate(allocate.donorId());
        if (refusal.isPresent()) {
            return Effect().reply(allocate.replyTo(), new Refused(refusal.get()));
        }
        MatchCriteria criteria = request.criteria();
        return askDonor(allocate, allocate.donorId(), replyTo -> new DonorEntity.Reserve(requestId,
                by(request, allocate.by()), criteria.product().donationType(), criteria.neededBy(), allocate.subject(),
                replyTo));
    }

    private ReplyEffect<MatchRequestEvent, State> recordOutcome(MatchRequest request, RecordOutcome c) {
        TransfusionOutcome outcome = request.outcome(c.donorId(), c.transfusedAt(), c.preCount(), c.postCount(),
                c.postHours(), c.plateletDose(), c.bsa(), c.heightCm(), c.weightKg(), c.unitAgeDays());
        var refusal = request.refusalToRecordOutcome(outcome);
        if (refusal.isPresent()) {
            return Effect().reply(c.replyTo(), new Refused(refusal.get()));
        }
        if (request.alreadyRecorded(outcome)) { // a retry
            return Effect().reply(c.replyTo(), new Current(request));
        }
        return persistAndReply(new MatchRequestEvent.OutcomeRecorded(requestId, by(request, c.by()), clock.instant(),
                outcome, c.note(), c.subject()), c.replyTo());
    }

    private ReplyEffect<MatchRequestEvent, State> askDonor(Request step, String donorId,
            Function<ActorRef<DonorEntity.Reply>, DonorEntity.Command> command) {
        pending = step;
        context.ask(DonorEntity.Reply.class, sharding.entityRefFor(DonorEntity.TYPE_KEY, donorId), askTimeout,
                command::apply, (reply, failure) -> new DonorAnswered(reply));
        return Effect().noReply();
    }

    private ReplyEffect<MatchRequestEvent, State> donorAnswered(MatchRequest request, DonorEntity.Reply reply) {
        Request step = pending;
        pending = null;
        ActorRef<Reply> replyTo = step.replyTo();
        if (reply == null) {
            return Effect().reply(replyTo, new Unavailable("the donor's record did not answer in time")).thenUnstashAll();
        }
        if (reply instanceof DonorEntity.Rejected rejected) {
            return Effect().reply(replyTo, new Refused(
                    new Refusal(rejected.error(), rejected.message(), "donorId", rejected.reasons()))).thenUnstashAll();
        }
        if (step instanceof MoveCandidate move) {
            var held = reply instanceof DonorEntity.Accepted accepted ? accepted.donor().reservation() : null;
            if (held != null && !held.requestId().equals(requestId)) {
                return Effect().reply(replyTo, new Refused(new Refusal("reserved",
                        "the donor is allocated to another open match request", "donorId", List.of()))).thenUnstashAll();
            }
            return Effect().persist(moved(request, move)).thenReply(replyTo, s -> new Current(s.request())).thenUnstashAll();
        }
        Allocate allocate = (Allocate) step;
        var event = new MatchRequestEvent.Allocated(requestId, by(request, allocate.by()), clock.instant(),
                allocate.donorId(), allocate.collectingCentre(), allocate.note(), allocate.subject());
        return Effect().persist(event).thenReply(replyTo, s -> new Current(s.request())).thenUnstashAll();
    }

    private MatchRequestEvent.CandidateMoved moved(MatchRequest request, MoveCandidate move) {
        return new MatchRequestEvent.CandidateMoved(requestId, by(request, move.by()), clock.instant(), move.donorId(),
                move.to(), move.note(), move.subject());
    }

    private ReplyEffect<MatchRequestEvent, State> close(Optional<Refusal> refusal, ActorRef<Reply> replyTo,
            MatchRequestEvent event) {
        if (refusal.isPresent()) {
            return Effect().reply(replyTo, new Refused(refusal.get()));
        }
        return Effect().persist(event).thenRun(s -> {
            releaseDonors(s.request());
            if (s.request().criteria().standing()) {
                stopStanding();
            }
        }).thenReply(replyTo, s -> new Current(s.request()));
    }

    /**
     * Fulfil and cancel release every donor the request may hold: its allocations, and accepted
     * candidates too (a crash between reserving a donor and recording the allocation would leave
     * one held). Release is a no-op for a donor this request does not hold.
     */
    private void releaseDonors(MatchRequest request) {
        Set<String> donors = new LinkedHashSet<>();
        request.allocations().forEach(a -> donors.add(a.donorId()));
        request.candidates().stream().filter(c -> c.state() == CandidateState.ACCEPTED).forEach(c -> donors.add(c.donorId()));
        WorkflowEntry last = request.events().get(request.events().size() - 1);
        ActorRef<DonorEntity.Reply> ignore = context.getSystem().ignoreRef();
        donors.forEach(donorId -> sharding.entityRefFor(DonorEntity.TYPE_KEY, donorId)
                .tell(new DonorEntity.Release(requestId, last.by(), last.subject(), ignore)));
    }

    private ReplyEffect<MatchRequestEvent, State> persistAndReply(MatchRequestEvent event, ActorRef<Reply> replyTo) {
        return Effect().persist(event).thenReply(replyTo, s -> new Current(s.request()));
    }

    /** The acting centre: as given, else the requesting centre. */
    private static String by(MatchRequest request, String given) {
        return given != null ? given : request.criteria().requestingCentre();
    }

    @Override
    public SignalHandler<State> signalHandler() {
        // Releases sent when the request closed are not acknowledged; send them again whenever a
        // closed request starts (they are no-ops once done).
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    if (state.request() != null && !state.request().status().open()) {
                        releaseDonors(state.request());
                    }
                    renewStanding(state.request());
                })
                .onSignal(PostStop.instance(), state -> metrics.requestStopped())
                .build();
    }

    @Override
    public EventHandler<State, MatchRequestEvent> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onAnyEvent((state, event) -> new State(event instanceof MatchRequestEvent.Created created
                        ? MatchRequest.created(created)
                        : state.request().apply(event)));
    }
}
