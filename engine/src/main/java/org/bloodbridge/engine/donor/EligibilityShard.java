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
 * safe, because the caller then asks the DonorEntity. Whatever it knows is current: before a
 * DonorEntity persists a write that may change eligibility it {@link Invalidate}s the donor here, and
 * it acknowledges the write only once its shard has the new facts. A node that dies between the two
 * leaves the donor marked, so unknown, never answered from the facts before the write.
 */
public final class EligibilityShard {
    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "EligibilityShard");
    /** Fixed: every node must place a donor in the same entity. */
    public static final int SHARDS = 64;

    public sealed interface Command extends CborSerializable {}

    /** Keeps {@code facts} unless newer ones (a higher seqNr) are already held; acknowledged either way. */
    public record Put(String donorId, EligibilityFacts facts, ActorRef<Stored> replyTo) implements Command {}

    /** The facts of {@code donorId} at {@code seqNr} or later are held (or a marker above them, see {@link Invalidate}). */
    public record Stored(String donorId, long seqNr) implements CborSerializable {}

    /**
     * The donor's next event will have {@code seqNr}: drops facts older than that and keeps the marker
     * "nothing below {@code seqNr}" until a {@link Put} of facts at {@code seqNr} or later; meanwhile
     * the donor is unknown. Acknowledged either way.
     */
    public record Invalidate(String donorId, long seqNr, ActorRef<Invalidated> replyTo) implements Command {}

    /** No facts below {@code seqNr} will be answered for {@code donorId}. */
    public record Invalidated(String donorId, long seqNr) implements CborSerializable {}

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
            // donorId -> the lowest seqNr a Put must have to be held again; such a donor is unknown.
            Map<String, Long> invalidBelow = new HashMap<>();
            return Behaviors.receive(Command.class)
                    .onMessage(Put.class, put -> {
                        Long marker = invalidBelow.get(put.donorId());
                        if (marker != null) {
                            if (put.facts().seqNr() < marker) { // a late put from before the write: stale
                                put.replyTo().tell(new Stored(put.donorId(), marker - 1));
                                return Behaviors.same();
                            }
                            invalidBelow.remove(put.donorId());
                        }
                        EligibilityFacts held = facts.merge(put.donorId(), put.facts(),
                                (old, given) -> given.seqNr() >= old.seqNr() ? given : old);
                        put.replyTo().tell(new Stored(put.donorId(), held.seqNr()));
                        return Behaviors.same();
                    })
                    .onMessage(Invalidate.class, invalidate -> {
                        EligibilityFacts held = facts.get(invalidate.donorId());
                        // Facts at or above seqNr are already those of the write (a duplicate, late Invalidate).
                        if (held == null || held.seqNr() < invalidate.seqNr()) {
                            facts.remove(invalidate.donorId());
                            invalidBelow.merge(invalidate.donorId(), invalidate.seqNr(), Math::max);
                        }
                        invalidate.replyTo().tell(new Invalidated(invalidate.donorId(), invalidate.seqNr()));
                        return Behaviors.same();
                    })
                    .onMessage(Check.class, check -> {
                        Map<String, EligibilityResult> known = new HashMap<>();
                        for (String donorId : check.donorIds()) {
                            EligibilityFacts held = facts.get(donorId); // never held while marked
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
