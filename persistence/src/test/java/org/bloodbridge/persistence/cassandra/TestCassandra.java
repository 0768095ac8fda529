package org.bloodbridge.persistence.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Cassandra per test JVM, shared by every test class that needs one (also the http module's,
 * through this module's test-jar). It starts on first use, on free ports with a temporary data
 * directory, and is stopped and deleted when the test JVM exits. If the test JVM is killed
 * instead, the watchdog in the Cassandra JVM stops Cassandra.
 */
public final class TestCassandra {
    private static DevCassandra shared;

    private TestCassandra() {}

    public static synchronized DevCassandra shared() {
        if (shared == null) {
            Path dataDir = createTempDir();
            // Every test class creates keyspaces and tables of its own (TestKeyspaces): without this, each
            // CREATE flushes Cassandra's schema tables to disk first. This Cassandra is deleted at the end.
            DevCassandra cassandra = DevCassandra.start(DevCassandra.Settings.forTests(dataDir)
                    .withJvmOptions(List.of("-Dcassandra.test.flush_local_schema_changes=false")));
            // One hook for both steps, so the directory is deleted only after Cassandra has stopped.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                cassandra.close();
                deleteRecursively(dataDir);
            }, "test-cassandra-cleanup"));
            shared = cassandra;
        }
        return shared;
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("bloodbridge-test-cassandra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
