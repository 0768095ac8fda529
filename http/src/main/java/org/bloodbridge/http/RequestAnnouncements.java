package org.bloodbridge.http;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.bloodbridge.engine.CborSerializable;
import org.bloodbridge.engine.request.MatchRequest;
import org.bloodbridge.engine.request.WorkflowEntry;

/**
 * The fast path of the live request events: the node that answered a workflow step announces it
 * at once to every node's open streams (a cluster {@link Topic}). At most once: a node that is
 * unreachable or a full buffer loses announcements, which is why every event also comes, about a
 * second later and with its resumable id, from the journal ({@link RequestEventStream}). Clients
 * apply events by their {@code seqNr}, so the second copy changes nothing.
 */
final class RequestAnnouncements {
    /** A step just answered, and the centres that may read its request. */
    public record Announcement(String requestId, long seqNr, String type, String requestingCentre, String by,
                               String subject, Instant at, String donorId, String collectingCentre, List<String> readers)
            implements CborSerializable {}

    /** Announcements one stream holds for a slow client before it drops the oldest (the journal still has them). */
    private static final int BUFFER = 256;

    private final ActorRef<Topic.Command<Announcement>> topic;

    RequestAnnouncements(ActorSystem<?> system) {
        this.topic = system.systemActorOf(Topic.create(Announcement.class, "match-request-events"),
                "match-request-announcements", Props.empty());
    }

    /** Announces the newest step of {@code request}, as its entity has just answered it. */
    void announce(MatchRequest request) {
        WorkflowEntry last = request.events().get(request.events().size() - 1);
        String collectingCentre = "ALLOCATED".equals(last.type())
                ? request.allocations().stream().filter(a -> a.donorId().equals(last.donorId())).findFirst()
                        .map(a -> a.collectingCentre()).orElse(null)
                : null;
        topic.tell(Topic.publish(new Announcement(request.requestId(), request.events().size(), last.type(),
                request.criteria().requestingCentre(), last.by(), last.subject(), last.at(), last.donorId(),
                collectingCentre, MatchRoutes.readers(request))));
    }

    /** Every announcement from now on, from any node, while the stream runs. */
    Source<Announcement, NotUsed> live() {
        return Source.<Announcement>actorRef(message -> Optional.empty(), message -> Optional.empty(), BUFFER,
                        OverflowStrategy.dropHead())
                .mapMaterializedValue(ref -> {
                    topic.tell(Topic.subscribe(Adapter.toTyped(ref))); // the topic drops it when the stream stops
                    return NotUsed.getInstance();
                });
    }
}
