package org.bloodbridge.engine.request;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.bloodbridge.engine.EngineMetrics;
import org.bloodbridge.engine.donor.Donor;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.matching.PlateletCandidate;
import org.bloodbridge.engine.matching.RedCellCandidate;
import org.bloodbridge.engine.matching.Response;
import org.bloodbridge.engine.outcome.PatientOutcomes;
import org.bloodbridge.engine.pool.CentrePool;
import org.bloodbridge.engine.query.MatchQuery;

/**
 * One match request's search, a short-lived child of its entity: asks every centre's pool at once,
 * merges their best candidates, re-confirms them with their DonorEntity, and reports by the deadline
 * whatever has answered. Two timers, never an idle timeout: the pools get the first part of the time
 * and re-confirmation the rest, so slow pools cannot leave no time to confirm.
 */
final class CandidateSearch {

    sealed interface Message {}

    private record PoolAnswered(CentrePool.Found found) implements Message {}

    private record DonorAnswered(DonorEntity.Reply reply) implements Message {}

    private record PoolsDeadline() implements Message {}

    private record Deadline() implements Message {}

    /** What the search found: ranked, re-confirmed candidates and which centres answered in time. */
    record Result(List<Candidate> candidates, List<String> centresAnswered, List<String> centresMissing) {}

    /** Share of the deadline the pools get; the rest is for re-confirming candidates. */
    private static final double POOLS_SHARE = 0.6;

    static Behavior<Message> create(String requestId, MatchQuery query, List<String> centres, LocalDate today,
            RuleSet rules, Duration deadline, PatientOutcomes patient, ActorRef<Result> replyTo) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startSingleTimer(new PoolsDeadline(), deadline.multipliedBy((long) (POOLS_SHARE * 100)).dividedBy(100));
            timers.startSingleTimer(new Deadline(), deadline);
            return new CandidateSearch(ctx, requestId, query, centres, today, rules, patient, replyTo).askPools();
        }));
    }

    private final ActorContext<Message> context;
    private final ClusterSharding sharding;
    private final String requestId;
    private final MatchQuery query;
    private final List<String> centres;
    private final LocalDate today;
    private final RuleSet rules;
    private final ActorRef<Result> replyTo;
    private final PatientOutcomes patient;
    private final Map<String, Response> responses;
    private final EngineMetrics metrics;
    private long poolsAsked;
    private final Set<String> answered = new TreeSet<>();
    private final Set<String> reported = new HashSet<>();
    private final List<PlateletCandidate> platelets = new ArrayList<>();
    private final List<RedCellCandidate> redCells = new ArrayList<>();
    /** donorId -> home centre, of the candidates being re-confirmed. */
    private final Map<String, String> unconfirmed = new HashMap<>();
    /** Good responders of this patient no pool proposed, being confirmed too; they never count a centre missing. */
    private final Set<String> remembered = new HashSet<>();
    private final List<Donor> confirmed = new ArrayList<>();

    private CandidateSearch(ActorContext<Message> context, String requestId, MatchQuery query, List<String> centres,
            LocalDate today, RuleSet rules, PatientOutcomes patient, ActorRef<Result> replyTo) {
        this.context = context;
        this.sharding = ClusterSharding.get(context.getSystem());
        this.requestId = requestId;
        this.query = query;
        this.centres = centres;
        this.today = today;
        this.rules = rules;
        this.replyTo = replyTo;
        this.patient = patient;
        this.responses = patient.responses();
        this.metrics = EngineMetrics.of(context.getSystem());
    }

    /** Candidates asked of each pool: more than wanted, so that some may drop out at re-confirmation. */
    private int poolLimit() {
        int wanted = query.criteria().maxCandidates();
        return wanted + Math.max(5, wanted / 4);
    }

    private Behavior<Message> askPools() {
        ActorRef<CentrePool.Found> adapter = context.messageAdapter(CentrePool.Found.class, PoolAnswered::new);
        poolsAsked = System.nanoTime();
        for (String centre : centres) {
            sharding.entityRefFor(CentrePool.TYPE_KEY, centre)
                    .tell(new CentrePool.FindCandidates(query.criteria(), today, poolLimit(), adapter));
        }
        return Behaviors.receive(Message.class)
                .onMessage(PoolAnswered.class, a -> {
                    CentrePool.Found found = a.found();
                    reported.add(found.centre());
                    metrics.poolAnswered(found.centre(), System.nanoTime() - poolsAsked);
                    if (found.ready()) {
                        answered.add(found.centre());
                        platelets.addAll(found.platelets());
                        redCells.addAll(found.redCells());
                    }
                    return reported.containsAll(centres) ? confirm() : Behaviors.same();
                })
                .onMessage(PoolsDeadline.class, d -> confirm())
                .onMessage(Deadline.class, d -> finish())
                .build();
    }

    /**
     * Re-confirms the best candidates of all centres with their DonorEntity, and the patient's good
     * responders even when a pool cut them off (a pool ranks without the patient's memory).
     */
    private Behavior<Message> confirm() {
        String requesting = query.criteria().requestingCentre();
        if (query.platelets() != null) {
            PlateletCandidate.rank(platelets, requesting, responses).stream().limit(poolLimit())
                    .forEach(c -> unconfirmed.put(c.donorId(), c.homeCentre()));
            responses.forEach((donorId, response) -> {
                if (response == Response.GOOD && !unconfirmed.containsKey(donorId)) {
                    remembered.add(donorId);
                }
            });
        } else {
            RedCellCandidate.rank(redCells, requesting).stream().limit(poolLimit())
                    .forEach(c -> unconfirmed.put(c.donorId(), c.homeCentre()));
        }
        if (unconfirmed.isEmpty() && remembered.isEmpty()) {
            return finish();
        }
        ActorRef<DonorEntity.Reply> adapter = context.messageAdapter(DonorEntity.Reply.class, DonorAnswered::new);
        unconfirmed.keySet().forEach(donorId ->
                sharding.entityRefFor(DonorEntity.TYPE_KEY, donorId).tell(new DonorEntity.Get(adapter)));
        remembered.forEach(donorId ->
                sharding.entityRefFor(DonorEntity.TYPE_KEY, donorId).tell(new DonorEntity.Get(adapter)));
        return Behaviors.receive(Message.class)
                .onMessage(DonorAnswered.class, a -> {
                    if (a.reply() instanceof DonorEntity.Accepted accepted) {
                        String donorId = accepted.donor().donorId();
                        if (unconfirmed.remove(donorId) != null || remembered.remove(donorId)) {
                            confirmed.add(accepted.donor());
                        }
                    } else if (a.reply() instanceof DonorEntity.NotRegistered missing) {
                        unconfirmed.remove(missing.donorId());
                        remembered.remove(missing.donorId());
                    }
                    return unconfirmed.isEmpty() && remembered.isEmpty() ? finish() : Behaviors.same();
                })
                .onMessage(PoolAnswered.class, a -> Behaviors.same()) // too late
                .onMessage(PoolsDeadline.class, d -> Behaviors.same())
                .onMessage(Deadline.class, d -> finish())
                .build();
    }

    /**
     * Reports and stops. A centre whose candidates could not all be re-confirmed in time counts as
     * missing: its unconfirmed donors are left out rather than offered unchecked.
     */
    private Behavior<Message> finish() {
        Set<String> missing = new TreeSet<>(centres);
        missing.removeAll(answered);
        if (!unconfirmed.isEmpty()) {
            context.getLog().warn("match request {}: {} candidates not re-confirmed by the deadline", requestId, unconfirmed.size());
            missing.addAll(unconfirmed.values());
        }
        missing.forEach(metrics::centreMissing);
        Set<String> inTime = new TreeSet<>(answered);
        inTime.removeAll(missing);
        replyTo.tell(new Result(Confirmation.confirm(query, confirmed, requestId, rules, today, patient), List.copyOf(inTime), List.copyOf(missing)));
        return Behaviors.stopped();
    }
}
