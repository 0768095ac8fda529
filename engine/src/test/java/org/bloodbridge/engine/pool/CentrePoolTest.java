package org.bloodbridge.engine.pool;

import static org.bloodbridge.engine.pool.Summaries.CENTRE;
import static org.bloodbridge.engine.pool.Summaries.TABLES;
import static org.bloodbridge.engine.pool.Summaries.donor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.bloodbridge.engine.donor.DonorRecords;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.query.MatchQueries;
import org.bloodbridge.engine.typing.Abo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A pool on its own (no sharding): its rebuild from the store, then the warm-up of its panel donors' records. */
class CentrePoolTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void onceRebuiltThePoolAsksItsPanelDonorsRecordsAndIndexesTheNewerSummaries() {
        // The read side lags: it still has the platelet donor as ABO O (seqNr 1); the record says B (seqNr 2).
        List<DonorSummary> stored = List.of(
                donor("platelet").hla("A2 A24 B46 B60").abo("O").build(),
                donor("rare").rhD("NEG").build(),
                donor("common").abo("A").build());
        PoolStore store = (centre, page) -> {
            page.accept(stored);
            return CompletableFuture.completedFuture(null);
        };
        Map<String, DonorSummary> records = Map.of(
                "platelet", donor("platelet").seqNr(2).hla("A2 A24 B46 B60").abo("B").build(),
                "rare", donor("rare").rhD("NEG").build());
        Set<String> asked = ConcurrentHashMap.newKeySet();
        DonorRecords donorRecords = donorId -> {
            asked.add(donorId);
            return CompletableFuture.completedFuture(records.get(donorId));
        };
        PoolSettings settings = new PoolSettings(Duration.ofSeconds(1), 1, Set.of(), false);
        ActorRef<CentrePool.Command> pool = testKit.spawn(
                CentrePool.create(CENTRE, TABLES, new MatchQueries(TABLES), store, donorRecords, settings));

        TestProbe<CentrePool.Searched> probe = testKit.createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(10), () -> {
            pool.tell(new CentrePool.Search(new RegistryFilter(null, 0, Abo.B, null, null), null, 10, probe.getRef()));
            assertEquals(List.of("platelet"), probe.receiveMessage().donorIds());
            return null;
        });
        assertEquals(Set.of("platelet", "rare"), asked, "only the panel donors' records are asked");
        pool.tell(new CentrePool.Search(new RegistryFilter(null, 0, Abo.O, null, null), null, 10, probe.getRef()));
        assertEquals(List.of("rare"), probe.receiveMessage().donorIds());
    }
}
