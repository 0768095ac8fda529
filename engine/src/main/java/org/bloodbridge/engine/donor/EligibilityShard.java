package org.bloodbridge.engine.donor;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.EligibilityFacts;
import org.bloodbridge.engine.eligibility.EligibilityResult;
import org.bloodbridge.engine.eligibility.RuleSet;

/**
 * The eligibility facts of the donors whose id hashes to one of {@link #SHARDS} entities, so that a
 * check is answered without waking the donor's {@link DonorEntity} (issue 15). Not persistent: a new
 * incarnation (restart, rebalance, crash) starts empty and every donor is unknown, which is always
 * safe, because the caller then asks the DonorEntity. Whatever it knows is current: a DonorEntity
 * acknowledges a write that changes eligibility only once its shard has the new facts.
 */
public final class EligibilityShard {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "EligibilityShard");
    /** Fixed: every node must place a donor in the same entity. */
    public static final int SHARDS = 64;

    public sealed interface Command extends CborSerializable {}

    /** Keeps {@code facts} unless newer ones (a higher seqNr) are already held; acknowledged either way. */
    public record Put(String donorId, EligibilityFacts facts, ActorRef<Stored> replyTo) implements Command {}

    /** The facts of {@code donorId} at {@code seqNr} or later are held. */
    public record Stored(String donorId, long seqNr) implements CborSerializable {}

    /** Answers for the donors it holds facts of that are valid on {@code date}. */
    public record Check(List<String> donorIds, DonationType type, LocalDate date, ActorRef<Answers> replyTo)
            implements Command {}

    /** donorId -> result; a donor absent here must be asked of its DonorEntity. */
    public record Answers(Map<String, EligibilityResult> known) implements CborSerializable {}

    private EligibilityShard() {}

    /** The entity that holds {@code donorId}'s facts. */
    public static String shardOf(String donorId) {
        return Integer.toString(Math.floorMod(donorId.hashCode(), SHARDS));
    }

    public static void initSharding(ActorSystem<?> system, RuleSet rules) {
        // Its whole content is in memory and nothing reloads it: never passivated.
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> create(rules))
                .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    }

    public static Behavior<Command> create(RuleSet rules) {
        return Behaviors.setup(context -> {
            Map<String, EligibilityFacts> facts = new HashMap<>();
            return Behaviors.receive(Command.class)
                    .onMessage(Put.class, put -> {
                        EligibilityFacts held = facts.merge(put.donorId(), put.facts(),
                                (old, given) -> given.seqNr() >= old.seqNr() ? given : old);
                        put.replyTo().tell(new Stored(put.donorId(), held.seqNr()));
                        return Behaviors.same();
                    })
                    .onMessage(Check.class, check -> {
                        Map<String, EligibilityResult> known = new HashMap<>();
                        for (String donorId : check.donorIds()) {
                            EligibilityFacts held = facts.get(donorId);
                            if (held != null && held.answers(check.date())) {
                                known.put(donorId, held.evaluate(rules, check.type(), check.date()));
                            }
                        }
                        check.replyTo().tell(new Answers(known));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
