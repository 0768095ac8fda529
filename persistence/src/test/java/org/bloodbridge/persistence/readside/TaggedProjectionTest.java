package org.bloodbridge.persistence.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.bloodbridge.persistence.readside.TaggedTestEntity.Append;
import org.bloodbridge.persistence.readside.TaggedTestEntity.Appended;
import org.junit.jupiter.api.Test;

class TaggedProjectionTest {
    private static final String NAME = "tagged-test";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> ENTITIES = List.of("e-1", "e-2", "e-3", "e-4", "e-5", "e-6");

    /** What one actor system's handler saw: deliveries per event, and when each event was first seen. */
    private static final class Seen {
        final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        final Map<String, Long> firstNanos = new ConcurrentHashMap<>();

        CompletionStage<Done> handle(Appended event) {
            firstNanos.putIfAbsent(event.key(), System.nanoTime());
            deliveries.merge(event.key(), 1, Integer::sum);
            return CompletableFuture.completedFuture(Done.getInstance());
        }

        boolean sawAll(Set<String> keys) {
            return deliveries.keySet().containsAll(keys);
        }
    }

    @Test
    void handlesEveryEventAndResumesFromTheStoredOffsetAfterARestart() {
        String suffix = TestConfigs.freshSuffix();
        Config config = TestConfigs.config(suffix);

        // First run: 30 events over 6 entities and 3 tags, then 5 more one at a time for the latency.
        Seen first = new Seen();
        Runs runs = new Runs();
        ActorTestKit kit = startNode(config, first, runs);
        Map<String, ActorRef<Append>> entities = spawnEntities(kit);
        Set<String> firstRun = new HashSet<>();
        List<CompletableFuture<Done>> appends = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            for (String id : ENTITIES) {
                appends.add(append(kit, entities.get(id), "v" + n));
                firstRun.add(id + "#" + n);
            }
        }
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
        Await.until(TIMEOUT, () -> first.sawAll(firstRun), () -> "not handled: " + missing(first, firstRun));

        List<Long> latenciesMillis = new ArrayList<>();
        for (int n = 6; n <= 10; n++) {
            String id = ENTITIES.get(n % ENTITIES.size());
            Await.result(append(kit, entities.get(id), "v" + n), TIMEOUT);
            long persisted = System.nanoTime();
            String key = id + "#" + 6; // the entity's 6th event: each of these entities had 5
            firstRun.add(key);
            Await.until(TIMEOUT, () -> first.firstNanos.containsKey(key), "not handled: " + key);
            latenciesMillis.add((first.firstNanos.get(key) - persisted) / 1_000_000);
        }
        System.out.println("TaggedProjection: persist -> handler latency (ms) " + latenciesMillis);

        awaitStoredOffsets(suffix);
        // The per-entity handler: every event, each call one entity's events in their order.
        Await.until(TIMEOUT, () -> runs.keys().containsAll(firstRun), () -> "not given to the per-entity handler: "
                + firstRun.stream().filter(key -> !runs.keys().contains(key)).toList());
        kit.shutdownTestKit();
        assertEquals(firstRun, first.deliveries.keySet(), "every event handled, nothing else");
        assertEquals(firstRun, runs.keys(), "every event given to the per-entity handler, nothing else");
        for (List<Appended> call : runs.calls) {
            assertFalse(call.isEmpty());
            assertEquals(1, call.stream().map(Appended::entityId).distinct().count(), "one entity per call: " + call);
            for (int i = 1; i < call.size(); i++) {
                assertTrue(call.get(i - 1).n() < call.get(i).n(), "an entity's events in order: " + call);
            }
        }
        System.out.println("TaggedProjection: " + firstRun.size() + " events in " + runs.calls.size() + " per-entity calls");

        // Second run on the same keyspaces: one more event per entity.
        Seen second = new Seen();
        ActorTestKit restarted = startNode(config, second);
        try {
            Map<String, ActorRef<Append>> again = spawnEntities(restarted);
            Set<String> secondRun = new HashSet<>();
            for (String id : ENTITIES) {
                Await.result(append(restarted, again.get(id), "after restart"), TIMEOUT);
            }
            // e-1..e-6 had 5 events, and the latency loop gave entities 1..5 (n % 6 for n = 6..10) a 6th.
            for (String id : ENTITIES) {
                int n = id.equals("e-6") ? 6 : 7;
                secondRun.add(id + "#" + n);
            }
            Await.until(TIMEOUT, () -> second.sawAll(secondRun), () -> "not handled: " + missing(second, secondRun));

            Set<String> redelivered = second.deliveries.keySet().stream()
                    .filter(firstRun::contains).collect(Collectors.toSet());
            System.out.println("TaggedProjection: after the restart " + redelivered.size() + " of " + firstRun.size()
                    + " earlier events were delivered again");
            assertTrue(redelivered.size() < firstRun.size(), "resumed from the stored offsets, not from the start");
        } finally {
            restarted.shutdownTestKit();
        }
    }

    /** What the per-entity handler was given: each call's events. */
    private static final class Runs {
        final List<List<Appended>> calls = java.util.Collections.synchronizedList(new ArrayList<>());

        CompletionStage<Done> handle(List<Appended> run) {
            calls.add(List.copyOf(run));
            return CompletableFuture.completedFuture(Done.getInstance());
        }

        Set<String> keys() {
            synchronized (calls) {
                return calls.stream().flatMap(List::stream).map(Appended::key).collect(Collectors.toSet());
            }
        }
    }

    private static ActorTestKit startNode(Config config, Seen seen) {
        return startNode(config, seen, new Runs());
    }

    private static ActorTestKit startNode(Config config, Seen seen, Runs runs) {
        ActorTestKit kit = ActorTestKit.create("projection", config);
        TestConfigs.joinSelf(kit.system());
        Await.result(ReadSide.start(kit.system()).ready(), Duration.ofSeconds(60));
        TaggedProjection.start(kit.system(), NAME, TaggedTestEntity.TAGS, Appended.class, seen::handle);
        TaggedProjection.start(kit.system(), NAME + "-runs", TaggedTestEntity.TAGS, Appended.class, Appended::entityId,
                runs::handle);
        return kit;
    }

    private static Map<String, ActorRef<Append>> spawnEntities(ActorTestKit kit) {
        return ENTITIES.stream().collect(Collectors.toMap(id -> id, id -> kit.spawn(new TaggedTestEntity(id), id)));
    }

    private static CompletableFuture<Done> append(ActorTestKit kit, ActorRef<Append> entity, String value) {
        return AskPattern.<Append, Done>ask(entity, replyTo -> new Append(value, replyTo), TIMEOUT,
                kit.system().scheduler()).toCompletableFuture();
    }

    /** The projection keeps one offset per tag in Cassandra. */
    private static void awaitStoredOffsets(String suffix) {
        try (CqlSession session = TestCassandra.shared().openSession()) {
            Await.until(TIMEOUT, () -> {
                Set<String> tags = new HashSet<>();
                for (Row row : session.execute("SELECT projection_name, projection_key FROM projection_" + suffix
                        + ".offset_store")) {
                    if (row.getString("projection_name").equals(NAME)) {
                        tags.add(row.getString("projection_key"));
                    }
                }
                return tags.equals(Set.copyOf(TaggedTestEntity.TAGS));
            }, "no offset stored for every tag");
        }
    }

    private static Set<String> missing(Seen seen, Set<String> keys) {
        Set<String> missing = new HashSet<>(keys);
        missing.removeAll(seen.deliveries.keySet());
        return missing;
    }
}
