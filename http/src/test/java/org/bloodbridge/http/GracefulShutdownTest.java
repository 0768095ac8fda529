package org.bloodbridge.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.bloodbridge.persistence.cassandra.DevCassandra;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/bloodbridge} as operators run it, a node with a dev Cassandra of its own, stopped by
 * SIGTERM while a client keeps registering donors: every registration that was answered 201 is
 * there after a restart on the same data, and the node's log shows the shutdown in order (HTTP
 * unbound, then the actor system terminated, then the dev Cassandra stopped), all of it run by
 * the node's CoordinatedShutdown.
 */
class GracefulShutdownTest {
    /** Clients writing at once, so that some writes are in flight when SIGTERM comes. */
    private static final int WRITERS = 4;
    private static final List<String> ORDER = List.of("HTTP unbound", "actor system terminated", "dev Cassandra stopped");

    @Test
    void sigtermUnderWritesKeepsEveryAcknowledgedWriteAndStopsCassandraAfterTheNode() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "graceful-").toAbsolutePath();
        Map<String, String> env = Map.of(
                "BLOODBRIDGE_DATA_DIR", dataDir.toString(),
                "BLOODBRIDGE_CASSANDRA_PORT", String.valueOf(NodeProcess.freePort()),
                "BLOODBRIDGE_CASSANDRA_STORAGE_PORT", String.valueOf(NodeProcess.freePort()));
        List<String> properties = List.of(
                "-D" + DevCassandra.RUNTIME_PROPERTY + "=" + System.getProperty(DevCassandra.RUNTIME_PROPERTY),
                // The product's logging (INFO), not the tests' (WARN): the shutdown's steps are INFO lines.
                "-Dlogback.configurationFile=logback.xml",
                // Test-only: the driver completes each CREATE of the first start's schema only after a schema
                // metadata refresh, debounced by 1 s; nothing reads that metadata (TestKeyspaces does the same).
                "-Ddatastax-java-driver.advanced.metadata.schema.enabled=false");
        NodeProcess first = new NodeProcess("graceful-1", NodeProcess.freePort(), "", "", properties, env);
        NodeProcess second = new NodeProcess("graceful-2", NodeProcess.freePort(), "", "", properties, env);
        Files.deleteIfExists(first.logFile());
        Files.deleteIfExists(second.logFile());
        try {
            first.start();
            awaitReady(first);

            Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(new Thread(() -> {
                    while (writing.get()) {
                        HttpResponse<String> response = first.post("/api/v1/donors",
                                DonorApiTest.registration("CD", DonorApiTest.newResidentId(), "M", "1990-05-01"));
                        if (first.status(response) == 201) {
                            acknowledged.add(TestServer.json(response).get("donorId").asText());
                        }
                    }
                }, "graceful-writer-" + i));
            }
            writers.forEach(Thread::start);
            await("registrations acknowledged before SIGTERM").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> acknowledged.size() >= 40);

            int beforeSigterm = acknowledged.size();
            first.stop(); // SIGTERM; returns once the process has exited
            writing.set(false);
            for (Thread writer : writers) {
                writer.join(Duration.ofSeconds(30).toMillis());
                assertFalse(writer.isAlive(), writer.getName() + " stopped");
            }
            System.out.printf("GracefulShutdownTest: %d registrations acknowledged (%d when SIGTERM was sent)%n",
                    acknowledged.size(), beforeSigterm);

            assertInOrder(first.logFile(), ORDER);

            second.start();
            awaitReady(second);
            List<String> missing = new ArrayList<>();
            for (String donorId : acknowledged) {
                if (second.status(second.get("/api/v1/donors/" + donorId)) != 200) {
                    missing.add(donorId);
                }
            }
            assertEquals(List.of(), missing, "acknowledged registrations lost in the SIGTERM");
            second.stop();
            assertInOrder(second.logFile(), ORDER);
        } finally {
            first.close();
            second.close();
            deleteRecursively(dataDir);
        }
    }

    private static void awaitReady(NodeProcess node) {
        await(node + " ready").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertTrue(node.running(), node + " exited; see " + node.logFile());
                    return node.ready();
                });
    }

    /** Each of {@code marks} is logged once, each after the one before. */
    private static void assertInOrder(Path log, List<String> marks) throws IOException {
        List<String> lines = Files.readAllLines(log);
        int previous = -1;
        for (String mark : marks) {
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(mark)) {
                    at = i;
                    break;
                }
            }
            assertTrue(at >= 0, "\"" + mark + "\" is not in " + log);
            assertTrue(at > previous, () -> "\"" + mark + "\" is logged before what comes before it in " + log);
            previous = at;
        }
        assertTrue(lines.stream().noneMatch(line -> line.contains("did not stop within")), "a stop timed out: " + log);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
