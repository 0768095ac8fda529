package org.bloodbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite works: {@code bench/run-suite.sh --donors 2000 --quick} (its own dev
 * Cassandra and node, on free ports, data under {@code bench/target/suite-smoke}) exits 0, prints
 * every row of its table with a figure, and leaves no process behind.
 *
 * <p>Runs in the {@code integration-test} phase (a second surefire execution, see bench/pom.xml),
 * after {@code package}: the suite needs {@code bench/target/benchmarks.jar} and the server's
 * {@code http/target/lib}, both built by then in {@code mvn verify}. The suite is told not to build
 * ({@code BLOODBRIDGE_SKIP_BUILD=1}): a nested Maven on the same tree would rewrite the jars in use.
 * Tagged {@code suite-smoke}, so a {@code -Dtest=...} filter never runs it in the test phase. Skip it with {@code -DskipTests} or {@code -Dbench.suite.smoke.skip=true}.
 */
@Tag("suite-smoke")
class SuiteSmokeIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> ROWS = List.of(
            "| import ", "| eligibility single check", "| eligibility batch", "| eligibility cold single check", "| eligibility first touch",
            "| match PLATELETS_APHERESIS, 1 client", "| match PLATELETS_APHERESIS, 20 clients",
            "| match RED_CELLS, 1 client", "| match RED_CELLS, 20 clients", "| freshness", "| standing request freshness",
            "| Cassandra operations per import line", "| Cassandra operations per match",
            "| restart -> every pool ready", "| restart -> panel donors' records in memory", "| node GC pauses", "| pool heap per donor", "| JMH grading inner loop",
            "| JMH eligibility rules, heavy history", "| JMH eligibility rules, first-time donor");

    @Test
    void quickSuitePrintsEveryFigureAndStopsWhatItStarted() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "needs bash and /proc");
        Path jar = ROOT.resolve("bench/target/benchmarks.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built in the package phase; run mvn verify");
        assertTrue(Files.isDirectory(ROOT.resolve("http/target/lib")), "http/target/lib: package the http module first");

        Path dataDir = ROOT.resolve("bench/target/suite-smoke");
        Path log = ROOT.resolve("bench/target/suite-smoke.log");
        Files.createDirectories(dataDir.getParent());
        int[] ports = freePorts(6);
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("bench/run-suite.sh").toString(),
                "--donors", "2000", "--quick")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DATA_DIR", dataDir.toString());
        env.put("BLOODBRIDGE_SKIP_BUILD", "1");
        env.put("BLOODBRIDGE_HTTP_PORT", String.valueOf(ports[0]));
        env.put("BLOODBRIDGE_CASSANDRA_PORT", String.valueOf(ports[1]));
        env.put("BLOODBRIDGE_CASSANDRA_STORAGE_PORT", String.valueOf(ports[2]));
        env.put("BLOODBRIDGE_NODE_PORT", String.valueOf(ports[3]));
        env.put("BLOODBRIDGE_MANAGEMENT_PORT", String.valueOf(ports[4]));
        env.put("BLOODBRIDGE_KEYCLOAK_PORT", String.valueOf(ports[5]));
        // Shorter than --quick's smoke durations, still a figure in every row: no warm pass (it is not in
        // the table), 2 s match loads after 1 s of warm-up (--quick: 3 s), 10 freshness probes (20).
        env.put("WARM_SECONDS", "0");
        env.put("LOAD_SECONDS", "2");
        env.put("PROBES", "10");
        // The node's driver completes each CREATE of its first start only after a schema metadata refresh,
        // debounced by 1 s (about 20 s for the 22 statements); nothing of the suite reads that metadata.
        env.put("NODE_JAVA_EXTRA", "-Ddatastax-java-driver.advanced.metadata.schema.enabled=false");
        env.remove("BLOODBRIDGE_CASSANDRA");
        env.remove("BLOODBRIDGE_OIDC_ISSUER");
        env.remove("BLOODBRIDGE_SEEDS");

        Process suite = builder.start();
        List<ProcessHandle> started = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (!suite.waitFor(1, TimeUnit.SECONDS)) {
            suite.descendants().filter(p -> !started.contains(p)).forEach(started::add);
            if (System.nanoTime() > deadline) {
                suite.descendants().forEach(ProcessHandle::destroyForcibly);
                suite.destroyForcibly();
                fail("the suite did not finish in 8 minutes; output in " + log);
            }
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, suite.exitValue(), () -> "the suite failed; output in " + log + ":\n" + tail(output));

        for (String row : ROWS) {
            String line = output.lines().filter(l -> l.startsWith(row)).reduce((a, b) -> b)
                    .orElseGet(() -> fail("no row '" + row + "' in the table:\n" + tail(output)));
            String[] cells = line.split("\\|");
            // "", figure, result, target, verdict
            assertEquals(5, cells.length, line);
            String result = cells[2].trim();
            String verdict = cells[4].trim();
            assertFalse(result.contains("?"), "a figure is missing: " + line);
            assertTrue(result.matches(".*\\d.*"), "no number: " + line);
            assertTrue(List.of("met", "missed", "n/a").contains(verdict), "verdict: " + line);
        }

        // Every process the suite started (node, dev Cassandra and its daemon, harnesses, JMH forks) is gone.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until && (started.stream().anyMatch(ProcessHandle::isAlive) || usingDataDir(dataDir))) {
            Thread.sleep(500);
        }
        List<String> alive = started.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        assertTrue(alive.isEmpty(), "still running: " + alive);
        assertFalse(usingDataDir(dataDir), "a process still uses " + dataDir);
    }

    private static boolean usingDataDir(Path dataDir) {
        String dir = dataDir.toString();
        return ProcessHandle.allProcesses().anyMatch(p -> p.isAlive()
                && p.info().commandLine().map(c -> c.contains(dir)).orElse(false));
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
    }
}
