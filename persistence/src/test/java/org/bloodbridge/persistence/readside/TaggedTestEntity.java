package org.bloodbridge.persistence.readside;

import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.bloodbridge.engine.CborSerializable;

/** A tiny event-sourced entity for projection tests: each Append persists one event, tagged by entity. */
final class TaggedTestEntity extends EventSourcedBehavior<TaggedTestEntity.Append, TaggedTestEntity.Appended, Integer> {
    static final List<String> TAGS = List.of("test-tag-0", "test-tag-1", "test-tag-2");

    record Append(String value, ActorRef<Done> replyTo) {}

    /** The {@code n}th event of {@code entityId}. */
    record Appended(String entityId, int n, String value) implements CborSerializable {
        String key() {
            return entityId + "#" + n;
        }
    }

    private final String entityId;

    TaggedTestEntity(String entityId) {
        super(PersistenceId.of("TaggedTest", entityId));
        this.entityId = entityId;
    }

    static String tagOf(String entityId) {
        return TAGS.get(Math.floorMod(entityId.hashCode(), TAGS.size()));
    }

    @Override
    public Integer emptyState() {
        return 0;
    }

    @Override
    public CommandHandler<Append, Appended, Integer> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Append.class, (count, append) -> Effect()
                        .persist(new Appended(entityId, count + 1, append.value()))
                        .thenRun(newCount -> append.replyTo().tell(Done.getInstance())))
                .build();
    }

    @Override
    public EventHandler<Integer, Appended> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(Appended.class, (count, appended) -> appended.n())
                .build();
    }

    @Override
    public Set<String> tagsFor(Appended event) {
        return Set.of(tagOf(entityId));
    }
}
