package org.bloodbridge.engine.donor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.Recovery;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.ReplyingCommand;
import org.bloodbridge.engine.ShardedAsk;
import org.bloodbridge.engine.donor.DonorEvent.ProfileChanges;
import org.bloodbridge.engine.donor.Typing.TypingChanges;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.EligibilityFacts;
import org.bloodbridge.engine.eligibility.EligibilityResult;
import org.bloodbridge.engine.eligibility.Reason;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.lookback.Acknowledgement;
import org.bloodbridge.engine.lookback.CollectedDonation;
import org.bloodbridge.engine.lookback.Lookback;
import org.bloodbridge.engine.lookback.LookbackRules;
import org.bloodbridge.engine.lookback.Recall;
import org.bloodbridge.engine.lookback.RecallOutcome;

/**
 * The single writer for one donor across every centre (sharded by donorId). Because all of a
 * person's donations go through this one entity, two centres can never both accept donations that
 * together break an interval rule. Commands are validated by the caller for shape; this entity
 * decides what depends on the donor's history (already registered, eligible to donate).
 * <p>
 * A write that may change eligibility is persisted only once the donor's {@link EligibilityShard} has
 * forgotten its facts (see {@link #persistThenReply}), and acknowledged only once the shard holds the
 * new facts, so a check the shard answers never misses an acknowledged write, not even one whose
 * node died before the new facts reached the shard (see {@link #storeFacts}); commands that arrive
 * meanwhile are stashed.
 */
public final class DonorEntity
        extends EventSourcedBehaviorWithEnforcedReplies<DonorEntity.Command, DonorEvent, DonorEntity.State> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Donor");

    // ---- protocol ---------------------------------------------------------------------------

    /** Every command is answered. */
    public sealed interface Command extends CborSerializable, ReplyingCommand<Reply> {}

    public record Register(String centre, Profile profile, Typing typing, String subject, ActorRef<Reply> replyTo) implements Command {}

    /** A PATCH; {@code centre} may be null, and the home centre is then recorded as the actor. */
    public record Update(String centre, ProfileChanges profile, TypingChanges typing, String subject, ActorRef<Reply> replyTo)
            implements Command {}

    public record RecordDonation(Donation donation, String subject, ActorRef<Reply> replyTo) implements Command {}

    public record RecordTestResult(RecordedTestResult result, String subject, ActorRef<Reply> replyTo) implements Command {}

    public record RecordDeferral(RecordedDeferral deferral, String subject, ActorRef<Reply> replyTo) implements Command {}

    /**
     * One line of a bulk import: registers the person if unknown (at {@code registeredOn}, when
     * given), then adds the history they do not already have. An existing donor's profile, typing
     * and home centre are left as they are.
     */
    public record Import(String centre, Profile profile, Typing typing, LocalDate registeredOn, List<Donation> donations,
            List<RecordedTestResult> testResults, List<RecordedDeferral> deferrals, String subject, ActorRef<Reply> replyTo)
            implements Command {}

    public record Get(ActorRef<Reply> replyTo) implements Command {}

    /**
     * Drops name and phone from the donor's state ({@code centre} asks): recorded as
     * {@link DonorEvent.PersonalDataErased} even when there is nothing left to drop, so each request
     * is on record. The caller destroys the donor's key; this entity never holds one.
     */
    public record ErasePersonalData(String centre, String subject, ActorRef<Reply> replyTo) implements Command {}

    /** What the centre pools index of this donor now. */
    public record GetSummary(ActorRef<Reply> replyTo) implements Command {}

    /**
     * Allocates the donor to an open match request, if no other request holds the donor and the
     * donor may give {@code type} on {@code neededBy}. Reserving again for the same request is a no-op.
     */
    public record Reserve(String requestId, String centre, DonationType type, LocalDate neededBy,
            String subject, ActorRef<Reply> replyTo) implements Command {}

    /** Releases the donor if {@code requestId} holds it; otherwise a no-op. */
    public record Release(String requestId, String centre, String subject, ActorRef<Reply> replyTo) implements Command {}

    public record CheckEligibility(DonationType type, LocalDate date, ActorRef<Reply> replyTo) implements Command {}

    /** The donor's recalls, open and acknowledged, for the read side. */
    public record GetRecalls(ActorRef<Reply> replyTo) implements Command {}

    /** Closes recall {@code recallId} for its collecting centre, {@code centre} (the caller checked it acts for it). */
    public record AcknowledgeRecall(String recallId, String centre, RecallOutcome outcome, String note, String subject,
            ActorRef<Reply> replyTo) implements Command {}

    /**
     * The donor's eligibility shard holds the facts of {@code seqNr} or later ({@code stored}), or did
     * not answer ({@code !stored}). Sent by the entity to itself; {@code replyTo} is always null.
     */
    private record FactsStored(long seqNr, boolean stored, ActorRef<Reply> replyTo) implements Command {}

    /**
     * The donor's eligibility shard answers nothing below {@code seqNr} ({@code done}), or did not
     * answer ({@code !done}). Sent by the entity to itself; {@code replyTo} is always null.
     */
    private record FactsInvalidated(long seqNr, boolean done, ActorRef<Reply> replyTo) implements Command {}

    public sealed interface Reply extends CborSerializable {}

    /** The command was applied (or was a read); the donor as it now is. */
    public record Accepted(Donor donor) implements Reply {}

    public record Checked(String donorId, EligibilityResult result) implements Reply {}

    /** An import line applied: {@code added} history records written, {@code skipped} already present. */
    public record Imported(String donorId, boolean created, int added, int skipped, int ruleViolations) implements Reply {}

    public record NotRegistered(String donorId) implements Reply {}

    public record Summary(DonorSummary summary) implements Reply {}

    /** The donor's recalls as of event number {@code seqNr}. */
    public record Recalls(String donorId, String homeCentre, List<Recall> recalls, long seqNr) implements Reply {}

    /** One recall as it now is (after an acknowledgement). */
    public record RecallState(String homeCentre, Recall recall, long seqNr) implements Reply {}

    /**
     * Refused because of the donor's state: {@code donor_exists}, {@code not_eligible}, {@code reserved},
     * {@code no_recall} or {@code already_acknowledged}. Nothing was written.
     */
    public record Rejected(String error, String message, String donorId, List<Reason> reasons) implements Reply {}

    /**
     * Empty until registered. A wrapper because the state of an event sourced behaviour must not be null.
     * {@code recalls}: the look-back recalls of the donor's donations, in the order opened (null in
     * snapshots taken before look-back, read as none).
     */
    public record State(Donor donor, List<Recall> recalls) implements CborSerializable {
        static final State UNREGISTERED = new State(null);

        public State {
            recalls = recalls == null ? List.of() : List.copyOf(recalls);
        }

        public State(Donor donor) {
            this(donor, List.of());
        }

        Optional<Recall> recall(String recallId) {
            return recalls.stream().filter(r -> r.recallId().equals(recallId)).findFirst();
        }

        State with(DonorEvent event) {
            if (event instanceof DonorEvent.RecallsOpened e) {
                List<Recall> all = new ArrayList<>(recalls);
                all.addAll(e.recalls());
                return new State(donor, all);
            }
            if (event instanceof DonorEvent.RecallAcknowledged e) {
                return new State(donor, recalls.stream()
                        .map(r -> r.recallId().equals(e.recallId()) ? r.acknowledged(e.acknowledgement()) : r)
                        .toList());
            }
            return new State(registered() ? donor.apply(event) : Donor.registered((DonorEvent.Registered) event), recalls);
        }

        boolean registered() {
            return donor != null;
        }
    }

    // ---- behaviour -------------------------------------------------------------------------

    private final String donorId;
    private final RuleSet rules;
    private final LookbackRules lookback;
    private final Clock clock;
    private final ActorContext<Command> context;
    private final Consumer<DonorSummary> pools;
    private final EligibilityShards.Facts facts;
    /** A write persisted but not yet acknowledged: its shard does not hold its facts yet. */
    private PendingReply pending;
    /** A write not yet persisted: its shard has not yet confirmed it forgot the donor's older facts. */
    private PendingWrite invalidating;

    private record PendingReply(EligibilityFacts facts, ActorRef<Reply> replyTo, Reply reply) {}

    /** @param seqNr the sequence number the first of {@code events} will get */
    private record PendingWrite(long seqNr, List<DonorEvent> events, ActorRef<Reply> replyTo, Function<State, Reply> reply) {}

    private DonorEntity(String donorId, RuleSet rules, LookbackRules lookback, Clock clock, ActorContext<Command> context,
            Consumer<DonorSummary> pools, EligibilityShards.Facts facts) {
        super(PersistenceId.of(TYPE_KEY.name(), donorId),
                SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
        this.donorId = donorId;
        this.rules = rules;
        this.lookback = lookback;
        this.clock = clock;
        this.context = context;
        this.pools = pools;
        this.facts = facts;
    }

    /**
     * @param pools told the donor's summary after every persisted event (the fast path to the centre pools)
     * @param facts where the donor's eligibility facts are kept for checks ({@link EligibilityShards#put})
     */
    public static Behavior<Command> create(String donorId, RuleSet rules, LookbackRules lookback, Clock clock,
            Consumer<DonorSummary> pools, EligibilityShards.Facts facts) {
        return Behaviors.setup(context -> new DonorEntity(donorId, rules, lookback, clock, context, pools, facts));
    }

    /** With the default look-back: 12 months for each marker {@code rules} defers permanently. */
    public static Behavior<Command> create(String donorId, RuleSet rules, Clock clock, Consumer<DonorSummary> pools,
            EligibilityShards.Facts facts) {
        return create(donorId, rules, LookbackRules.defaults(rules), clock, pools, facts);
    }

    /** For the entity alone, where nothing but the entity answers checks. */
    public static Behavior<Command> create(String donorId, RuleSet rules, Clock clock, Consumer<DonorSummary> pools) {
        return create(donorId, rules, clock, pools, EligibilityShards.Facts.NONE);
    }

    public static void initSharding(ActorSystem<?> system, RuleSet rules, LookbackRules lookback, Clock clock,
            Consumer<DonorSummary> pools, EligibilityShards.Facts facts) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY,
                ctx -> create(ctx.getEntityId(), rules, lookback, clock, pools, facts)));
    }

    /** The donors' records for the centre pools, wherever each runs; an unanswered ask fails after {@code timeout}. */
    public static DonorRecords records(ShardedAsk asks, Duration timeout) {
        return donorId -> asks.ask(TYPE_KEY, donorId, GetSummary::new, timeout)
                .thenApply(reply -> reply instanceof Summary s ? s.summary() : null);
    }

    @Override
    public State emptyState() {
        return State.UNREGISTERED;
    }

    /**
     * No snapshots: recovery replays the donor's events, which are never deleted. A donor has few
     * (an import line writes two, a donation visit two or three), and the plugin reads up to 500 in
     * one query, so a snapshot saved nothing but cost a Cassandra read on every recovery, of every
     * new donor too (docs/BENCHMARKS.md, "Bulk import"). Snapshots written before are ignored.
     */
    @Override
    public Recovery recovery() {
        return Recovery.withSnapshotSelectionCriteria(SnapshotSelectionCriteria.none());
    }

    @Override
    public Set<String> tagsFor(DonorEvent event) {
        return Set.of(DonorTags.tagFor(event.homeCentre(), event.donorId()));
    }

    @Override
    public CommandHandlerWithReply<Command, DonorEvent, State> commandHandler() {
        var builder = newCommandHandlerWithReplyBuilder();
        builder.forAnyState()
                .onCommand(FactsStored.class, this::factsStored)
                .onCommand(FactsInvalidated.class, this::factsInvalidated);
        builder.forState(s -> pending != null || invalidating != null)
                .onCommand(Command.class, (s, c) -> Effect().stash());
        builder.forState(s -> !s.registered())
                .onCommand(Register.class, this::register)
                .onCommand(Import.class, this::importLine)
                .onCommand(Command.class, (s, c) -> notRegistered(c.replyTo()));
        builder.forState(State::registered)
                .onCommand(Register.class, (s, c) -> Effect().reply(c.replyTo(), new Rejected("donor_exists",
                        "this person is already registered (home centre " + s.donor().homeCentre() + ")", donorId, List.of())))
                .onCommand(Update.class, (s, c) -> persistAndReply(new DonorEvent.Updated(donorId, s.donor().homeCentre(),
                        c.centre() != null ? c.centre() : s.donor().homeCentre(), clock.instant(), c.profile(), c.typing(), c.subject()),
                        c.replyTo()))
                .onCommand(Import.class, this::importLine)
                .onCommand(RecordDonation.class, this::recordDonation)
                .onCommand(RecordTestResult.class, this::recordTestResult)
                .onCommand(RecordDeferral.class, (s, c) -> persistAndReply(new DonorEvent.DeferralRecorded(
                        donorId, s.donor().homeCentre(), c.deferral().centre(), clock.instant(), c.deferral(), c.subject()), c.replyTo()))
                .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), new Accepted(s.donor())))
                .onCommand(ErasePersonalData.class, (s, c) -> persistAndReplyAtOnce(new DonorEvent.PersonalDataErased(donorId,
                        s.donor().homeCentre(), c.centre() != null ? c.centre() : s.donor().homeCentre(), clock.instant(), c.subject()),
                        c.replyTo()))
                .onCommand(GetSummary.class, (s, c) -> Effect().reply(c.replyTo(), new Summary(summary(s))))
                .onCommand(Reserve.class, this::reserve)
                .onCommand(Release.class, this::release)
                .onCommand(CheckEligibility.class, this::checkEligibility)
                .onCommand(GetRecalls.class, (s, c) -> Effect().reply(c.replyTo(),
                        new Recalls(donorId, s.donor().homeCentre(), s.recalls(), lastSequenceNumber(context))))
                .onCommand(AcknowledgeRecall.class, this::acknowledgeRecall);
        return builder.build();
    }

    private ReplyEffect<DonorEvent, State> register(State state, Register c) {
        return persistAndReply(new DonorEvent.Registered(donorId, c.centre(), c.centre(), clock.instant(), c.profile(), c.typing(), c.subject()),
                c.replyTo());
    }

    /** All events of one line are persisted together: a line is imported whole or not at all. */
    private ReplyEffect<DonorEvent, State> importLine(State state, Import c) {
        Instant now = clock.instant();
        List<DonorEvent> events = new ArrayList<>();
        Donor donor = state.donor();
        if (!state.registered()) {
            Instant registeredAt = c.registeredOn() != null ? c.registeredOn().atStartOfDay(ZoneOffset.UTC).toInstant() : now;
            var registered = new DonorEvent.Registered(donorId, c.centre(), c.centre(), registeredAt, c.profile(), c.typing(), c.subject());
            events.add(registered);
            donor = Donor.registered(registered);
        }
        HistoryMerge merge = HistoryMerge.of(donor, c.centre(), c.subject(), c.donations(), c.testResults(), c.deferrals(), now, rules);
        if (merge.event() != null) {
            events.add(merge.event());
        }
        var imported = new Imported(donorId, !state.registered(), merge.added(), merge.skipped(), merge.ruleViolations());
        return events.isEmpty()
                ? Effect().reply(c.replyTo(), imported)
                : persistThenReply(events, c.replyTo(), s -> imported);
    }

    /** One open request at a time may hold a donor; the donor must be able to give on the day it is needed. */
    private ReplyEffect<DonorEvent, State> reserve(State state, Reserve c) {
        Reservation held = state.donor().reservation();
        if (held != null) {
            return held.requestId().equals(c.requestId())
                    ? Effect().reply(c.replyTo(), new Accepted(state.donor()))
                    : Effect().reply(c.replyTo(), new Rejected("reserved",
                            "the donor is allocated to another open match request", donorId, List.of()));
        }
        EligibilityResult result = state.donor().eligibility(rules, c.type(), c.neededBy());
        if (!result.eligible()) {
            return Effect().reply(c.replyTo(), new Rejected("not_eligible",
                    "the donor may not give " + c.type().label() + " on " + c.neededBy(), donorId, result.reasons()));
        }
        return persistAndReplyAtOnce(new DonorEvent.Reserved(donorId, state.donor().homeCentre(), c.centre(), clock.instant(),
                c.requestId(), c.subject()), c.replyTo());
    }

    private ReplyEffect<DonorEvent, State> release(State state, Release c) {
        Reservation held = state.donor().reservation();
        if (held == null || !held.requestId().equals(c.requestId())) {
            return Effect().reply(c.replyTo(), new Accepted(state.donor()));
        }
        return persistAndReplyAtOnce(new DonorEvent.Released(donorId, state.donor().homeCentre(), c.centre(), clock.instant(),
                c.requestId(), c.subject()), c.replyTo());
    }

    private DonorSummary summary(State state) {
        return DonorSummary.of(state.donor(), lastSequenceNumber(context), rules, LocalDate.now(clock), clock.getZone());
    }

    /** Tells the donor's home pool at once; the projection of the same events is the reliable path. */
    private void publish(State state) {
        pools.accept(summary(state));
    }

    /** Joint screening happens here: the donation is accepted only if the rules allow it on its date. */
    private ReplyEffect<DonorEvent, State> recordDonation(State state, RecordDonation c) {
        Donation donation = c.donation();
        EligibilityResult result = state.donor().eligibility(rules, donation.type(), donation.date());
        if (!result.eligible()) {
            return Effect().reply(c.replyTo(), new Rejected("not_eligible",
                    "the donor may not donate " + donation.type().label() + " on " + donation.date(), donorId, result.reasons()));
        }
        return persistAndReply(new DonorEvent.DonationRecorded(
                donorId, state.donor().homeCentre(), donation.centre(), clock.instant(), donation, c.subject()), c.replyTo());
    }

    /**
     * Look-back happens here, from the entity's own history: a reactive result for a permanently
     * deferring marker persists, in the same atomic write, the recalls it opens, so they are a fact as
     * soon as the result is. Recall ids are deterministic, so a second reactive result of the same
     * episode opens only recalls the donor does not have yet (usually none).
     */
    private ReplyEffect<DonorEvent, State> recordTestResult(State state, RecordTestResult c) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the read side stores it
        Donor donor = state.donor();
        var recorded = new DonorEvent.TestResultRecorded(donorId, donor.homeCentre(), c.result().centre(), now, c.result(), c.subject());
        List<Recall> opened = Lookback.recalls(donorId, c.result().result(),
                        donor.testResults().stream().map(RecordedTestResult::result).toList(),
                        donor.donations().stream().map(d -> new CollectedDonation(d.centre(), d.date(), d.type(), d.din())).toList(),
                        lookback, now).stream()
                .filter(r -> state.recall(r.recallId()).isEmpty())
                .toList();
        if (opened.isEmpty()) {
            return persistAndReply(recorded, c.replyTo());
        }
        var recalls = new DonorEvent.RecallsOpened(donorId, donor.homeCentre(), c.result().centre(), now, opened, c.subject());
        return persistThenReply(List.of(recorded, recalls), c.replyTo(), s -> new Accepted(s.donor()));
    }

    private ReplyEffect<DonorEvent, State> acknowledgeRecall(State state, AcknowledgeRecall c) {
        Optional<Recall> recall = state.recall(c.recallId());
        if (recall.isEmpty()) {
            return Effect().reply(c.replyTo(), new Rejected("no_recall", "no recall " + c.recallId(), donorId, List.of()));
        }
        if (recall.get().acknowledgement() != null) {
            return Effect().reply(c.replyTo(), new Rejected("already_acknowledged", "recall " + c.recallId()
                    + " was acknowledged at " + recall.get().acknowledgement().at(), donorId, List.of()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var ack = new Acknowledgement(c.outcome(), c.note(), c.centre(), c.subject(), now);
        return Effect().persist(new DonorEvent.RecallAcknowledged(donorId, state.donor().homeCentre(), c.centre(), now,
                        c.recallId(), ack, c.subject()))
                .thenReply(c.replyTo(), s -> new RecallState(s.donor().homeCentre(), s.recall(c.recallId()).orElseThrow(),
                        lastSequenceNumber(context)));
    }

    /** For an event that may change eligibility: the reply waits until the shard holds the new facts. */
    private ReplyEffect<DonorEvent, State> persistAndReply(DonorEvent event, ActorRef<Reply> replyTo) {
        return persistThenReply(List.of(event), replyTo, s -> new Accepted(s.donor()));
    }

    /** For an event no eligibility rule looks at (reservations, erasure of name and phone). */
    private ReplyEffect<DonorEvent, State> persistAndReplyAtOnce(DonorEvent event, ActorRef<Reply> replyTo) {
        return Effect().persist(event).thenRun(this::publish).thenReply(replyTo, s -> new Accepted(s.donor()));
    }

    /**
     * Before persisting, the shard drops the donor's facts and answers nothing older than the write
     * until it gets the write's facts: if this node dies after the persist and before the shard has
     * them, the shard does not go on answering from the facts before the write (the donor is unknown,
     * so asked of this entity). If the persist fails, the donor stays unknown: slower, never wrong.
     */
    private ReplyEffect<DonorEvent, State> persistThenReply(List<DonorEvent> events, ActorRef<Reply> replyTo,
            Function<State, Reply> reply) {
        long last = lastSequenceNumber(context);
        if (last == 0) {
            // A donor with no events yet: no facts of it can be held, as every Put carries the facts
            // of a registered donor (recovery and checks of an unregistered one put nothing), and
            // the shard holds nothing else. So there is nothing to invalidate.
            return persistNow(events, replyTo, reply);
        }
        invalidating = new PendingWrite(last + 1, events, replyTo, reply);
        invalidate(invalidating);
        return Effect().noReply();
    }

    private void invalidate(PendingWrite write) {
        context.pipeToSelf(facts.invalidate(donorId, write.seqNr()),
                (seqNr, failure) -> new FactsInvalidated(write.seqNr(), failure == null, null));
    }

    /** Like {@link #factsStored}: a shard that does not answer is asked again until it does. */
    private ReplyEffect<DonorEvent, State> factsInvalidated(State state, FactsInvalidated done) {
        if (invalidating == null || done.seqNr() != invalidating.seqNr()) {
            return Effect().noReply();
        }
        if (!done.done()) {
            invalidate(invalidating);
            return Effect().noReply();
        }
        PendingWrite write = invalidating;
        invalidating = null;
        return persistNow(write.events(), write.replyTo(), write.reply());
    }

    private ReplyEffect<DonorEvent, State> persistNow(List<DonorEvent> events, ActorRef<Reply> replyTo,
            Function<State, Reply> reply) {
        return Effect().persist(events).thenRun(s -> {
            publish(s);
            pending = new PendingReply(facts(s), replyTo, reply.apply(s));
            storeFacts(pending.facts());
        }).thenNoReply();
    }

    /**
     * Acknowledging a write before the shard holds its facts would let a check at another centre,
     * answered by the shard, miss a deferral the caller was told is recorded. So the reply waits,
     * and a shard that does not answer within the ask timeout is asked again, until it does: the
     * event is persisted already, and a caller whose own ask times out meanwhile was told nothing
     * (the write's outcome is unknown to it, never "done but not seen"). Failing the write instead is
     * not possible once it is persisted; forgetting the shard instead would leave it answering
     * from older facts.
     */
    private void storeFacts(EligibilityFacts current) {
        context.pipeToSelf(facts.put(donorId, current),
                (seqNr, failure) -> new FactsStored(current.seqNr(), failure == null, null));
    }

    private ReplyEffect<DonorEvent, State> factsStored(State state, FactsStored stored) {
        if (pending == null || stored.seqNr() != pending.facts().seqNr()) {
            return Effect().noReply();
        }
        if (!stored.stored()) {
            storeFacts(pending.facts());
            return Effect().noReply();
        }
        PendingReply done = pending;
        pending = null;
        return Effect().reply(done.replyTo(), done.reply()).thenUnstashAll();
    }

    /** Answered here when the shard could not; the shard gets the facts for the next check (not awaited). */
    private ReplyEffect<DonorEvent, State> checkEligibility(State state, CheckEligibility c) {
        facts.put(donorId, facts(state));
        return Effect().reply(c.replyTo(), new Checked(donorId, state.donor().eligibility(rules, c.type(), c.date())));
    }

    private EligibilityFacts facts(State state) {
        return EligibilityFacts.of(rules, state.donor().history(), LocalDate.now(clock), lastSequenceNumber(context));
    }

    /**
     * A recovered donor puts its facts (not awaited): if the entity stopped after persisting a write
     * but before its shard held the facts (that write was never acknowledged), the shard catches up.
     */
    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    pending = null; // this instance outlives a restart after a failed persist
                    invalidating = null;
                    if (state.registered()) {
                        facts.put(donorId, facts(state));
                    }
                })
                .build();
    }

    private ReplyEffect<DonorEvent, State> notRegistered(ActorRef<Reply> replyTo) {
        return Effect().reply(replyTo, new NotRegistered(donorId));
    }

    @Override
    public EventHandler<State, DonorEvent> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onAnyEvent(State::with);
    }
}
