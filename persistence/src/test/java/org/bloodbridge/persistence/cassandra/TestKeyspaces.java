package org.bloodbridge.persistence.cassandra;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keyspaces of one test's data on the test run's shared Cassandra ({@link TestCassandra}):
 * journal, snapshots, projection offsets and read side, all named {@code <part>_<suffix>}, so test
 * classes never see each other's data. The one definition for every module's tests (in-JVM
 * actor systems and nodes, and node processes through system properties).
 */
public final class TestKeyspaces {
    private static final AtomicInteger SUFFIXES = new AtomicInteger();

    private TestKeyspaces() {}

    /** A suffix no other test of this run uses, starting with {@code tag} (a letter or two). */
    public static String freshSuffix(String tag) {
        return tag + ProcessHandle.current().pid() + "_" + SUFFIXES.incrementAndGet();
    }

    /**
     * The settings naming the keyspaces of {@code suffix}, the driver's schema metadata off (below),
     * and the first time bucket of events-by-tag: events of this run are newer than the previous hour,
     * so the first query of a projection on fresh keyspaces need not scan the empty hours since
     * persistence.conf's first bucket.
     */
    public static Map<String, Object> settings(String suffix) {
        String firstBucket = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(1)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm"));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("pekko.persistence.cassandra.journal.keyspace", "journal_" + suffix);
        settings.put("pekko.persistence.cassandra.snapshot.keyspace", "snapshot_" + suffix);
        settings.put("pekko.persistence.cassandra.events-by-tag.first-time-bucket", firstBucket);
        settings.put("pekko.projection.cassandra.offset-store.keyspace", "projection_" + suffix);
        settings.put("bloodbridge.readside.keyspace", "readside_" + suffix);
        // Test-only: the driver completes each CREATE only after refreshing its schema metadata, which it
        // debounces by 1 s, so a node on fresh keyspaces (4 keyspaces, 18 tables) spent about 20 s on that
        // alone. Nothing reads that metadata (token-aware routing has one node to choose from).
        settings.put("datastax-java-driver.advanced.metadata.schema.enabled", false);
        return settings;
    }

    /** {@link #settings} as JVM system properties ({@code -Dkey=value}), for a node in a process of its own. */
    public static List<String> systemProperties(String suffix) {
        return settings(suffix).entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();
    }
}
