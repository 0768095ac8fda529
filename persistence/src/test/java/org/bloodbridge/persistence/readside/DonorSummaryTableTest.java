package org.bloodbridge.persistence.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.QueryTrace;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.TraceEvent;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.donor.DonorTags;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DonorSummaryTableTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Small, so a centre's few rows span several driver pages. */
    private static final int SMALL_PAGE = 7;
    /** Rows of the load measurement; -Dbloodbridge.test.loadRows=1000000 for the full figure. */
    private static final int LOAD_ROWS = Integer.getInteger("bloodbridge.test.loadRows", 40_000);

    private static ActorSystem<Void> system;
    private static ReadSideSettings settings;
    private static DonorSummaryTable table;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "summaries", TestConfigs.config(TestConfigs.freshSuffix()));
        settings = ReadSideSettings.from(system.settings().config());
        ReadSide readSide = ReadSide.start(system, settings.withLoadPageSize(SMALL_PAGE));
        Await.result(readSide.ready(), Duration.ofSeconds(60));
        table = readSide.donorSummaries();
    }

    @AfterAll
    static void stop() {
        system.terminate();
        Await.result(system.getWhenTerminated(), TIMEOUT);
    }

    @Test
    void storesEveryFieldAndReadsItBack() {
        Typing typing = new Typing(
                Map.of("A", List.of("A*02:01", "A*24:02"), "B", List.of("B*46:01")),
                Map.of("HPA-1", "a/a", "HPA-15", "a/b"),
                Map.of("RhD", "+", "K", "-"));
        DonorSummary full = new DonorSummary("donor-full", "C-FIELDS", 12, LocalDate.of(2026, 11, 25), typing,
                Abo.AB, RhD.NEG, LocalDate.of(2026, 12, 9), LocalDate.of(2027, 5, 25), LocalDate.of(2019, 3, 1),
                LocalDate.of(2020, 1, 2), LocalDate.of(2021, 2, 3), LocalDate.of(2026, 10, 1), "request-7");
        DonorSummary sparse = new DonorSummary("donor-sparse", "C-FIELDS", 1, LocalDate.of(2026, 11, 25), null,
                null, null, null, null, LocalDate.of(2026, 11, 25), null, null, null, null);
        DonorSummary noTyping = new DonorSummary("donor-untyped", "C-FIELDS", 2, LocalDate.of(2026, 11, 24),
                Typing.NONE, Abo.O, RhD.POS, LocalDate.of(2026, 11, 24), null, LocalDate.of(2026, 11, 20), null, null,
                null, null);
        upsertAll(List.of(full, sparse, noTyping));

        Map<String, DonorSummary> loaded = load("C-FIELDS");
        assertEquals(Map.of(full.donorId(), full, sparse.donorId(), sparse, noTyping.donorId(), noTyping), loaded);
    }

    @Test
    void anOlderSummaryNeverOverwritesANewerOne() {
        DonorSummary v5 = summary("donor-order", "C-ORDER", 5, Abo.A, "request-1");
        DonorSummary v3 = summary("donor-order", "C-ORDER", 3, Abo.B, "request-0");
        DonorSummary v6 = summary("donor-order", "C-ORDER", 6, Abo.A, null);

        Await.result(table.upsert(v5), TIMEOUT);
        Await.result(table.upsert(v3), TIMEOUT);
        assertEquals(Map.of("donor-order", v5), load("C-ORDER"), "seqNr 3 arrived after 5");

        Await.result(table.upsert(v6), TIMEOUT);
        assertEquals(Map.of("donor-order", v6), load("C-ORDER"), "seqNr 6 clears reservedFor");

        Await.result(table.upsert(v5), TIMEOUT);
        Await.result(table.upsert(v6), TIMEOUT);
        assertEquals(Map.of("donor-order", v6), load("C-ORDER"), "replays change nothing");
    }

    /**
     * A summary's absent fields are left unset, not bound to null: Cassandra's own trace of a read
     * of the row counts no tombstone cell (a bound null is one tombstone per cell, which pool loads
     * counted by the thousand a page), and the fields an older summary had are still cleared.
     */
    @Test
    void absentFieldsWriteNoTombstoneCells() {
        LocalDate day = LocalDate.of(2026, 11, 25);
        DonorSummary full = summary("donor-no-tombstones", "C-TOMBSTONES", 1, Abo.A, "request-1");
        DonorSummary sparse = new DonorSummary("donor-no-tombstones", "C-TOMBSTONES", 3, day, null, null, null, null, null,
                day, null, null, null, null);
        Await.result(table.upsert(full), TIMEOUT);
        Await.result(table.upsert(sparse), TIMEOUT);
        assertEquals(Map.of(sparse.donorId(), sparse), load("C-TOMBSTONES"), "the older summary's fields are cleared");

        try (CqlSession cql = TestCassandra.shared().openSession()) {
            String summaries = settings.keyspace() + "." + DonorSummaryTable.TABLE;
            ResultSet read = cql.execute(SimpleStatement.newInstance(
                            "SELECT * FROM " + summaries + " WHERE centre = ? AND slice = ?",
                            "C-TOMBSTONES", DonorTags.slice(sparse.donorId()))
                    .setTracing(true));
            assertEquals(1, read.all().size());
            QueryTrace trace = read.getExecutionInfo().getQueryTrace();
            List<String> counts = trace.getEvents().stream().map(TraceEvent::getActivity)
                    .filter(activity -> activity.startsWith("Read ") && activity.contains("tombstone cells")).toList();
            assertFalse(counts.isEmpty(), "the trace counts tombstones: " + trace.getEvents());
            for (String count : counts) {
                assertTrue(count.matches("Read 1 live rows and 0 tombstone cells.*"), count);
            }

            BoundStatement bound = Bindings.bindPresent(
                    cql.prepare("INSERT INTO " + summaries + " (centre, slice, donor_id, abo) VALUES (?, ?, ?, ?)"),
                    "C-TOMBSTONES", 0, "donor-unbound", null);
            assertTrue(bound.isSet(2));
            assertFalse(bound.isSet(3), "a null is left unset");
        }
    }

    @Test
    void loadsExactlyTheCentresRowsOverSeveralPages() {
        List<DonorSummary> mine = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            mine.add(summary("donor-page-" + i, "C-PAGES", 1 + i % 4, i % 2 == 0 ? Abo.O : Abo.A, null));
        }
        List<DonorSummary> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(summary("donor-other-" + i, "C-PAGES-OTHER", 1, Abo.B, null));
        }
        upsertAll(mine);
        upsertAll(others);

        ConcurrentLinkedQueue<List<DonorSummary>> pages = new ConcurrentLinkedQueue<>();
        Await.result(table.loadCentre("C-PAGES", pages::add), TIMEOUT);

        List<DonorSummary> rows = pages.stream().flatMap(List::stream).toList();
        assertEquals(mine.size(), rows.size(), "each row once");
        assertEquals(new HashSet<>(mine), new HashSet<>(rows));
        assertTrue(pages.stream().allMatch(page -> page.size() <= SMALL_PAGE), "driver pages of at most " + SMALL_PAGE);
        // 100 rows in 8 partitions of about 12 rows: at least 2 pages each.
        assertTrue(pages.size() >= 2 * DonorTags.SLICES, "pages: " + pages.size());
    }

    @Test
    void loadOfAnUnknownCentreIsEmpty() {
        ConcurrentLinkedQueue<List<DonorSummary>> pages = new ConcurrentLinkedQueue<>();
        Await.result(table.loadCentre("C-NOBODY", pages::add), TIMEOUT);
        assertEquals(0, pages.stream().mapToInt(List::size).sum());
    }

    /** Writes LOAD_ROWS summaries over 8 centres, then loads all 8 centres at once; prints rows/s. */
    @Test
    void measuresTheLoadOfManyCentres() {
        ReadSide production = ReadSide.start(system, settings);
        Await.result(production.ready(), TIMEOUT);
        DonorSummaryTable fullPages = production.donorSummaries();
        Typing typing = new Typing(Map.of("A", List.of("A*02:01", "A*11:01"), "B", List.of("B*46:01", "B*40:01")),
                Map.of("HPA-1", "a/a"), Map.of());
        int centres = 8;

        long writeStart = System.nanoTime();
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < LOAD_ROWS; i++) {
            DonorSummary s = new DonorSummary("load-donor-" + i, "L" + (i % centres), 3, LocalDate.of(2026, 11, 25),
                    typing, Abo.O, RhD.POS, LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 1), LocalDate.of(2020, 1, 1),
                    LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 1), null, null);
            inFlight.acquireUninterruptibly();
            writes.add(fullPages.upsert(s).toCompletableFuture().whenComplete((done, failure) -> inFlight.release()));
        }
        Await.result(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)), Duration.ofMinutes(5));
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;

        // Twice: the first load also warms up the JIT of both JVMs.
        for (int round = 1; round <= 2; round++) {
            AtomicLong rows = new AtomicLong();
            long loadStart = System.nanoTime();
            List<CompletableFuture<?>> loads = new ArrayList<>();
            for (int c = 0; c < centres; c++) {
                loads.add(fullPages.loadCentre("L" + c, page -> rows.addAndGet(page.size())).toCompletableFuture());
            }
            Await.result(CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)), Duration.ofMinutes(2));
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            assertEquals(LOAD_ROWS, rows.get());
            System.out.printf("DonorSummaryTable: wrote %d rows in %.1f s (%.0f rows/s); load %d: %d centres, %d rows"
                            + " in %.2f s (%.0f rows/s)%n", LOAD_ROWS, writeSeconds, LOAD_ROWS / writeSeconds, round,
                    centres, rows.get(), loadSeconds, rows.get() / loadSeconds);
        }
    }

    private static DonorSummary summary(String donorId, String centre, long seqNr, Abo abo, String reservedFor) {
        return new DonorSummary(donorId, centre, seqNr, LocalDate.of(2026, 11, 25), Typing.NONE, abo, RhD.POS,
                LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 25), LocalDate.of(2025, 1, 1), null, null, null,
                reservedFor);
    }

    private static void upsertAll(List<DonorSummary> summaries) {
        Await.result(CompletableFuture.allOf(summaries.stream()
                .map(s -> table.upsert(s).toCompletableFuture())
                .toArray(CompletableFuture[]::new)), TIMEOUT);
    }

    private static Map<String, DonorSummary> load(String centre) {
        Map<String, DonorSummary> rows = new HashMap<>();
        Set<String> twice = new HashSet<>();
        Await.result(table.loadCentre(centre, page -> {
            synchronized (rows) {
                page.forEach(s -> {
                    if (rows.put(s.donorId(), s) != null) {
                        twice.add(s.donorId());
                    }
                });
            }
        }), TIMEOUT);
        assertEquals(Set.of(), twice, "rows loaded twice");
        return rows;
    }
}
