package org.bloodbridge.engine.donor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.bloodbridge.engine.eligibility.Deferral;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.DonorHistory;
import org.bloodbridge.engine.eligibility.EligibilityFacts;
import org.bloodbridge.engine.eligibility.EligibilityResult;
import org.bloodbridge.engine.eligibility.ReasonCode;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.eligibility.RuleSets;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The eligibility shard, and the DonorEntity's rule of acknowledging a write only once its shard holds the facts. */
class EligibilityShardTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final LocalDate TODAY = LocalDate.now(CLOCK);
    private static final RuleSet RULES = RuleSets.inForce(ConfigFactory.load());
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ActorTestKit testKit = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.parseResources("serialization.conf"))
                    .withFallback(ConfigFactory.load()));
    private static final Profile PROFILE = new Profile(IdType.CN_RIC, null, null, Sex.F, LocalDate.of(1990, 5, 1), 55,
            Abo.O, RhD.POS);

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    private static EligibilityFacts facts(long seqNr, Integer weightKg) {
        return EligibilityFacts.of(RULES, new DonorHistory(LocalDate.of(1990, 5, 1), Sex.F, weightKg, List.of(), List.of(),
                List.of()), TODAY, seqNr);
    }

    private static long put(ActorRef<EligibilityShard.Command> shard, String donorId, EligibilityFacts facts) {
        var probe = testKit.<EligibilityShard.Stored>createTestProbe();
        shard.tell(new EligibilityShard.Put(donorId, facts, probe.ref()));
        return probe.receiveMessage().seqNr();
    }

    private static Map<String, EligibilityResult> check(ActorRef<EligibilityShard.Command> shard, List<String> donorIds,
            LocalDate date) {
        var probe = testKit.<EligibilityShard.Answers>createTestProbe();
        shard.tell(new EligibilityShard.Check(donorIds, DonationType.WHOLE_BLOOD, date, probe.ref()));
        return probe.receiveMessage().known();
    }

    private static CompletionStage<Long> ask(ActorRef<EligibilityShard.Command> shard, String donorId, EligibilityFacts facts) {
        return AskPattern.<EligibilityShard.Command, EligibilityShard.Stored>ask(shard,
                r -> new EligibilityShard.Put(donorId, facts, r), TIMEOUT, testKit.scheduler()).thenApply(EligibilityShard.Stored::seqNr);
    }

    private static void invalidate(ActorRef<EligibilityShard.Command> shard, String donorId, long seqNr) {
        var probe = testKit.<EligibilityShard.Invalidated>createTestProbe();
        shard.tell(new EligibilityShard.Invalidate(donorId, seqNr, probe.ref()));
        assertEquals(seqNr, probe.receiveMessage().seqNr());
    }

    private static CompletionStage<Long> askInvalidate(ActorRef<EligibilityShard.Command> shard, String donorId, long seqNr) {
        return AskPattern.<EligibilityShard.Command, EligibilityShard.Invalidated>ask(shard,
                r -> new EligibilityShard.Invalidate(donorId, seqNr, r), TIMEOUT, testKit.scheduler())
                .thenApply(EligibilityShard.Invalidated::seqNr);
    }

    /** Puts as {@code put} says; invalidates straight in {@code shard}. */
    private static EligibilityShards.Facts facts(ActorRef<EligibilityShard.Command> shard,
            java.util.function.BiFunction<String, EligibilityFacts, CompletionStage<Long>> put) {
        return new EligibilityShards.Facts() {
            @Override
            public CompletionStage<Long> put(String donorId, EligibilityFacts facts) {
                return put.apply(donorId, facts);
            }

            @Override
            public CompletionStage<Long> invalidate(String donorId, long seqNr) {
                return askInvalidate(shard, donorId, seqNr);
            }
        };
    }

    @Test
    void anInvalidatedDonorIsUnknownUntilAPutOfTheWriteAndALateOlderPutDoesNotResurrectIt() {
        var shard = testKit.spawn(EligibilityShard.create(RULES));
        put(shard, "d1", facts(5, 60));
        put(shard, "d2", facts(3, 60));
        invalidate(shard, "d1", 6);
        assertEquals(Map.of(), Map.copyOf(check(shard, List.of("d1"), TODAY)), "no put after the invalidate: unknown");
        assertTrue(check(shard, List.of("d2"), TODAY).get("d2").eligible(), "other donors are untouched");

        put(shard, "d1", facts(5, 60)); // e.g. a check answered by the entity just before the write
        assertTrue(check(shard, List.of("d1"), TODAY).isEmpty(), "a late older put does not resurrect the facts");
        invalidate(shard, "d1", 4); // a late, duplicate invalidate of an older write keeps the higher marker
        put(shard, "d1", facts(5, 60));
        assertTrue(check(shard, List.of("d1"), TODAY).isEmpty());

        assertEquals(6, put(shard, "d1", facts(6, 40)), "the write's facts replace the marker");
        assertEquals(ReasonCode.WEIGHT, check(shard, List.of("d1"), TODAY).get("d1").reasons().get(0).code());
        invalidate(shard, "d1", 6); // late duplicate of the same write's invalidate: the facts are already its own
        assertEquals(ReasonCode.WEIGHT, check(shard, List.of("d1"), TODAY).get("d1").reasons().get(0).code());
    }

    /**
     * The node dies after the deferral is persisted, before its facts reach the shard: the shard
     * must not answer "eligible" from the facts before it. The next incarnation puts the facts on
     * recovery and the shard answers again.
     */
    @Test
    void aWritePersistedButNeverPutLeavesTheDonorUnknownNotEligible() throws Exception {
        var shard = testKit.spawn(EligibilityShard.create(RULES));
        var invalidates = new LinkedBlockingQueue<CompletableFuture<Boolean>>();
        var putsWork = new java.util.concurrent.atomic.AtomicBoolean(true);
        var dying = new EligibilityShards.Facts() {
            @Override
            public CompletionStage<Long> put(String donorId, EligibilityFacts f) {
                return putsWork.get() ? ask(shard, donorId, f) : new CompletableFuture<>(); // never answered
            }

            @Override
            public CompletionStage<Long> invalidate(String donorId, long seqNr) {
                var gate = new CompletableFuture<Boolean>();
                invalidates.add(gate);
                return gate.thenCompose(ok -> askInvalidate(shard, donorId, seqNr));
            }
        };
        String donorId = "donor-" + UUID.randomUUID();
        var entity = testKit.spawn(DonorEntity.create(donorId, RULES, CLOCK, s -> {}, dying));
        var replies = testKit.<DonorEntity.Reply>createTestProbe();
        entity.tell(new DonorEntity.Register("CD", PROFILE, Typing.NONE, null, replies.ref()));
        replies.expectMessageClass(DonorEntity.Accepted.class);
        assertTrue(invalidates.isEmpty(), "a brand-new donor is not invalidated");
        assertTrue(check(shard, List.of(donorId), TODAY).get(donorId).eligible());

        putsWork.set(false);
        entity.tell(new DonorEntity.RecordDeferral(new RecordedDeferral("CQ", Deferral.permanent(TODAY, "hepatitis")), null,
                replies.ref()));
        CompletableFuture<Boolean> gate = invalidates.poll(5, TimeUnit.SECONDS);
        replies.expectNoMessage(Duration.ofMillis(200));
        gate.complete(true);
        var probe = testKit.<Object>createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(5), () -> {
            assertTrue(check(shard, List.of(donorId), TODAY).isEmpty(), "invalidated before the persist");
            return null;
        });
        replies.expectNoMessage(Duration.ofMillis(300)); // persisted, its facts never stored: not acknowledged
        testKit.stop(entity); // the node dies
        assertTrue(check(shard, List.of(donorId), TODAY).isEmpty(), "unknown (asked of the entity), never eligible");

        putsWork.set(true);
        var restarted = testKit.spawn(DonorEntity.create(donorId, RULES, CLOCK, s -> {}, dying));
        restarted.tell(new DonorEntity.CheckEligibility(DonationType.WHOLE_BLOOD, TODAY, replies.ref()));
        assertFalse(replies.expectMessageClass(DonorEntity.Checked.class).result().eligible(), "the write was persisted");
        probe.awaitAssert(Duration.ofSeconds(5), () -> {
            assertEquals(ReasonCode.DEFERRED_PERMANENT, check(shard, List.of(donorId), TODAY).get(donorId).reasons().get(0).code());
            return null;
        });
    }

    @Test
    void putKeepsTheNewestFactsAndCheckAnswersOnlyWhatItCan() {
        var shard = testKit.spawn(EligibilityShard.create(RULES));
        assertEquals(5, put(shard, "d1", facts(5, 40)));
        assertEquals(5, put(shard, "d1", facts(3, 60)), "older facts never replace newer ones");

        Map<String, EligibilityResult> known = check(shard, List.of("d1", "unknown"), TODAY);
        assertEquals(Map.of("d1", ReasonCode.WEIGHT), Map.of("d1", known.get("d1").reasons().get(0).code()));
        assertFalse(known.containsKey("unknown"));
        assertTrue(check(shard, List.of("d1"), TODAY.minusDays(1)).isEmpty(), "a date before the facts is not answered");

        assertEquals(7, put(shard, "d1", facts(7, 60)));
        assertTrue(check(shard, List.of("d1"), TODAY).get("d1").eligible());
    }

    /** Between nodes the messages go through Jackson CBOR; the facts' arrays must survive it. */
    @Test
    void messagesSurviveSerialization() {
        var facts = EligibilityFacts.of(RULES, new DonorHistory(LocalDate.of(1990, 5, 1), Sex.M, null,
                List.of(new org.bloodbridge.engine.eligibility.PastDonation(TODAY.minusDays(20), DonationType.PLATELETS_APHERESIS)),
                List.of(Deferral.permanent(TODAY.minusDays(3), "reason").recordedAt("CQ"),
                        Deferral.temporary(TODAY, TODAY.plusDays(9), "other")), List.of()), TODAY, 12);
        var serialization = testKit.serializationTestKit();
        var put = new EligibilityShard.Put("d1", facts, testKit.<EligibilityShard.Stored>createTestProbe().ref());
        assertEquals(put, serialization.verifySerialization(put, true));
        var answers = new EligibilityShard.Answers(Map.of("d1", facts.evaluate(RULES, DonationType.WHOLE_BLOOD, TODAY)));
        assertEquals(answers, serialization.verifySerialization(answers, true));
    }

    @Test
    void shardOfIsStableAndSpreads() {
        assertEquals(EligibilityShard.shardOf("abcdefghijklmnopqrstuvwx"), EligibilityShard.shardOf("abcdefghijklmnopqrstuvwx"));
        long distinct = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> EligibilityShard.shardOf(UUID.randomUUID().toString())).distinct().count();
        assertEquals(EligibilityShard.SHARDS, distinct);
    }

    /** A put the test lets through (or fails) when it says so, then stores in a real shard. */
    private record GatedPut(CompletableFuture<Boolean> gate, String donorId, EligibilityFacts facts) {}

    @Test
    void aWriteIsAcknowledgedOnlyOnceTheShardHoldsItsFactsEvenAfterAFailedPut() throws Exception {
        var shard = testKit.spawn(EligibilityShard.create(RULES));
        var puts = new LinkedBlockingQueue<GatedPut>();
        EligibilityShards.Facts gated = facts(shard, (donorId, f) -> {
            var put = new GatedPut(new CompletableFuture<>(), donorId, f);
            puts.add(put);
            return put.gate().thenCompose(ok -> ok ? ask(shard, donorId, f)
                    : CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("no answer")));
        });
        String donorId = "donor-" + UUID.randomUUID();
        var entity = testKit.spawn(DonorEntity.create(donorId, RULES, CLOCK, s -> {}, gated));
        var replies = testKit.<DonorEntity.Reply>createTestProbe();

        entity.tell(new DonorEntity.Register("CD", PROFILE, Typing.NONE, null, replies.ref()));
        GatedPut registered = puts.poll(5, TimeUnit.SECONDS);
        replies.expectNoMessage(Duration.ofMillis(200));
        registered.gate().complete(true);
        assertInstanceOf(DonorEntity.Accepted.class, replies.receiveMessage());
        assertTrue(check(shard, List.of(donorId), TODAY).get(donorId).eligible());

        var deferral = new RecordedDeferral("CQ", Deferral.temporary(TODAY, TODAY.plusDays(30), "fever"));
        entity.tell(new DonorEntity.RecordDeferral(deferral, null, replies.ref()));
        GatedPut deferred = puts.poll(5, TimeUnit.SECONDS);
        entity.tell(new DonorEntity.Get(replies.ref())); // stashed behind the unacknowledged write
        deferred.gate().complete(false); // the shard did not answer: asked again, still no reply
        GatedPut retried = puts.poll(5, TimeUnit.SECONDS);
        assertEquals(deferred.facts(), retried.facts());
        replies.expectNoMessage(Duration.ofMillis(200));
        assertTrue(check(shard, List.of(donorId), TODAY).isEmpty(), "invalidated, the deferral not stored yet: unknown");

        retried.gate().complete(true);
        var accepted = assertInstanceOf(DonorEntity.Accepted.class, replies.receiveMessage());
        assertEquals(1, accepted.donor().deferrals().size());
        assertInstanceOf(DonorEntity.Accepted.class, replies.receiveMessage(), "the stashed Get, after the write's reply");
        EligibilityResult now = check(shard, List.of(donorId), TODAY.plusDays(3)).get(donorId);
        assertEquals(ReasonCode.DEFERRED_TEMPORARY, now.reasons().get(0).code(), "acknowledged, so every check sees it");
    }

    @Test
    void aRestartedShardKnowsNoOneUntilTheEntityAnswersACheck() {
        var shard = new AtomicReference<>(testKit.spawn(EligibilityShard.create(RULES)));
        EligibilityShards.Facts toShard = new EligibilityShards.Facts() {
            @Override
            public CompletionStage<Long> put(String donorId, EligibilityFacts f) {
                return ask(shard.get(), donorId, f);
            }

            @Override
            public CompletionStage<Long> invalidate(String donorId, long seqNr) {
                return askInvalidate(shard.get(), donorId, seqNr);
            }
        };
        String donorId = "donor-" + UUID.randomUUID();
        var entity = testKit.spawn(DonorEntity.create(donorId, RULES, CLOCK, s -> {}, toShard));
        var replies = testKit.<DonorEntity.Reply>createTestProbe();
        entity.tell(new DonorEntity.Register("CD", PROFILE, Typing.NONE, null, replies.ref()));
        replies.expectMessageClass(DonorEntity.Accepted.class);
        entity.tell(new DonorEntity.RecordDeferral(new RecordedDeferral("CQ", Deferral.permanent(TODAY, "hepatitis")), null,
                replies.ref()));
        replies.expectMessageClass(DonorEntity.Accepted.class);
        assertFalse(check(shard.get(), List.of(donorId), TODAY).get(donorId).eligible());

        testKit.stop(shard.get());
        shard.set(testKit.spawn(EligibilityShard.create(RULES))); // a new incarnation: empty
        assertTrue(check(shard.get(), List.of(donorId), TODAY).isEmpty(), "unknown, so the caller asks the entity");

        entity.tell(new DonorEntity.CheckEligibility(DonationType.WHOLE_BLOOD, TODAY, replies.ref()));
        assertFalse(replies.expectMessageClass(DonorEntity.Checked.class).result().eligible());
        var probe = testKit.<EligibilityShard.Answers>createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(5), () -> {
            EligibilityResult result = check(shard.get(), List.of(donorId), TODAY).get(donorId);
            assertEquals(ReasonCode.DEFERRED_PERMANENT, result.reasons().get(0).code());
            return null;
        });
    }
}
