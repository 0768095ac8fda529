package org.bloodbridge.engine.donor;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.bloodbridge.engine.ShardedAsk;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.EligibilityFacts;
import org.bloodbridge.engine.eligibility.EligibilityResult;

/** Asks the {@link EligibilityShard}s, wherever they run. */
public final class EligibilityShards {
    /** Where a DonorEntity stores its facts; each stage completes once the shard has acknowledged. */
    public interface Facts {
        /** Completes with the seqNr held once stored. */
        CompletionStage<Long> put(String donorId, EligibilityFacts facts);

        /** Completes once no facts below {@code seqNr} will be answered for {@code donorId}. */
        CompletionStage<Long> invalidate(String donorId, long seqNr);

        /** For an entity tested alone, where no shard answers checks: nothing to keep current. */
        Facts NONE = new Facts() {
            @Override
            public CompletionStage<Long> put(String donorId, EligibilityFacts facts) {
                return CompletableFuture.completedFuture(facts.seqNr());
            }

            @Override
            public CompletionStage<Long> invalidate(String donorId, long seqNr) {
                return CompletableFuture.completedFuture(seqNr);
            }
        };
    }

    private final ShardedAsk asks;
    private final Duration timeout;

    public EligibilityShards(ActorSystem<?> system, Duration timeout) {
        this.asks = new ShardedAsk(system);
        this.timeout = timeout;
    }

    /** These shards as the place a DonorEntity keeps its facts. */
    public Facts facts() {
        EligibilityShards shards = this;
        return new Facts() {
            @Override
            public CompletionStage<Long> put(String donorId, EligibilityFacts facts) {
                return shards.put(donorId, facts);
            }

            @Override
            public CompletionStage<Long> invalidate(String donorId, long seqNr) {
                return shards.invalidate(donorId, seqNr);
            }
        };
    }

    public CompletionStage<Long> invalidate(String donorId, long seqNr) {
        return asks.<EligibilityShard.Command, EligibilityShard.Invalidated>ask(EligibilityShard.TYPE_KEY,
                        EligibilityShard.shardOf(donorId), replyTo -> new EligibilityShard.Invalidate(donorId, seqNr, replyTo), timeout)
                .thenApply(EligibilityShard.Invalidated::seqNr);
    }

    public CompletionStage<Long> put(String donorId, EligibilityFacts facts) {
        return asks.<EligibilityShard.Command, EligibilityShard.Stored>ask(EligibilityShard.TYPE_KEY,
                        EligibilityShard.shardOf(donorId), replyTo -> new EligibilityShard.Put(donorId, facts, replyTo), timeout)
                .thenApply(EligibilityShard.Stored::seqNr);
    }

    /**
     * The answers the shards have for {@code donorIds}, one ask per shard. A shard that fails or does
     * not answer in time answers nothing: its donors are then asked of their entities.
     */
    public CompletionStage<Map<String, EligibilityResult>> check(List<String> donorIds, DonationType type, LocalDate date) {
        Map<String, List<String>> byShard = new LinkedHashMap<>();
        for (String donorId : donorIds) {
            byShard.computeIfAbsent(EligibilityShard.shardOf(donorId), s -> new ArrayList<>()).add(donorId);
        }
        List<CompletableFuture<Map<String, EligibilityResult>>> answers = new ArrayList<>(byShard.size());
        byShard.forEach((shard, ids) -> answers.add(asks.<EligibilityShard.Command, EligibilityShard.Answers>ask(
                        EligibilityShard.TYPE_KEY, shard, replyTo -> new EligibilityShard.Check(ids, type, date, replyTo), timeout)
                .thenApply(EligibilityShard.Answers::known)
                .exceptionally(failure -> Map.of())
                .toCompletableFuture()));
        if (answers.size() == 1) {
            return answers.get(0);
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, EligibilityResult> known = new HashMap<>();
            answers.forEach(a -> known.putAll(a.join()));
            return known;
        });
    }
}
