package org.bloodbridge.persistence.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.DriverException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Cassandra for development and tests, run in its own JVM.
 *
 * <p>Cassandra's jars come from the cassandra-runtime module's build output and never join this
 * application's classpath. The Cassandra JVM runs {@code org.bloodbridge.cassandra.OwnedCassandra},
 * which watches this process's pid and stops Cassandra when this process is gone, even after a
 * SIGKILL. A clean {@link #close()} stops it earlier; the owner decides when (it registers no
 * shutdown hook of its own, so a node can stop it after its actor system has terminated).
 *
 * <pre>{@code
 * try (DevCassandra cassandra = DevCassandra.start(DevCassandra.Settings.forTests(dir));
 *      CqlSession session = cassandra.openSession()) {
 *     session.execute("SELECT release_version FROM system.local");
 * }
 * }</pre>
 */
public final class DevCassandra implements AutoCloseable {
    /** System property naming the directory with Cassandra's {@code lib/} and {@code classes/}. */
    public static final String RUNTIME_PROPERTY = "bloodbridge.cassandra.runtime";

    private static final Logger log = LoggerFactory.getLogger(DevCassandra.class);
    private static final String HOST = "127.0.0.1";
    /** The data centre of SimpleSnitch, the snitch in our cassandra.yaml. */
    private static final String DATACENTER = "datacenter1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 200;
    private static final int LOG_LINES_ON_FAILURE = 40;

    /**
     * How to run a dev/test Cassandra.
     *
     * @param dataDir where all of Cassandra's files go (data, commit log, config, logs)
     * @param runtimeDir the cassandra-runtime module's {@code target} directory
     * @param heap the -Xmx value, for example "768m"
     * @param startTimeout how long {@link #start} waits for a CQL connection
     * @param jmxPort a port for JMX on 127.0.0.1 only (tests flush tables through it), or 0 for none
     * @param jvmOptions further options of the Cassandra JVM (tests' Cassandra: system properties that skip work
     *     a throwaway Cassandra does not need)
     */
    public record Settings(Path dataDir, int nativePort, int storagePort, Path runtimeDir, String heap,
                           Duration startTimeout, int jmxPort, List<String> jvmOptions) {
        public static final String DEFAULT_HEAP = "768m";
        public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(heap, "heap");
            Objects.requireNonNull(startTimeout, "startTimeout");
            jvmOptions = List.copyOf(jvmOptions);
            requireRuntime(runtimeDir);
        }

        /** Cassandra's usual ports, 9042 (CQL) and 7000 (internode), for a developer's machine. */
        public static Settings forDev(Path dataDir) {
            return new Settings(dataDir, 9042, 7000, runtimeDirFromProperty(), DEFAULT_HEAP, DEFAULT_START_TIMEOUT, 0, List.of());
        }

        /**
         * Free ports, so that test runs (and other engineers' Cassandras) never collide; JMX on a
         * local-only port, so tests can flush memtables and look at the data files.
         */
        public static Settings forTests(Path dataDir) {
            // The sockets are open at once, so the ports differ.
            try (ServerSocket nativeSocket = new ServerSocket(0); ServerSocket storageSocket = new ServerSocket(0);
                    ServerSocket jmxSocket = new ServerSocket(0)) {
                return new Settings(dataDir, nativeSocket.getLocalPort(), storageSocket.getLocalPort(),
                        runtimeDirFromProperty(), DEFAULT_HEAP, DEFAULT_START_TIMEOUT, jmxSocket.getLocalPort(), List.of());
            } catch (IOException e) {
                throw new UncheckedIOException("could not find free ports for a test Cassandra", e);
            }
        }

        public Settings withNativePort(int port) {
            return new Settings(dataDir, port, storagePort, runtimeDir, heap, startTimeout, jmxPort, jvmOptions);
        }

        public Settings withStoragePort(int port) {
            return new Settings(dataDir, nativePort, port, runtimeDir, heap, startTimeout, jmxPort, jvmOptions);
        }

        public Settings withJvmOptions(List<String> options) {
            return new Settings(dataDir, nativePort, storagePort, runtimeDir, heap, startTimeout, jmxPort, options);
        }

        private static Path runtimeDirFromProperty() {
            String dir = System.getProperty(RUNTIME_PROPERTY);
            if (dir == null || dir.isBlank()) {
                throw new IllegalStateException("System property " + RUNTIME_PROPERTY + " is not set. Point it at "
                        + "persistence/cassandra-runtime/target, built by `mvn -B -DskipTests package` from the "
                        + "repository root (bin/bloodbridge does both).");
            }
            return Path.of(dir);
        }

        private static void requireRuntime(Path runtimeDir) {
            Objects.requireNonNull(runtimeDir, "runtimeDir");
            if (!Files.isDirectory(runtimeDir.resolve("lib")) || !Files.isDirectory(runtimeDir.resolve("classes"))) {
                throw new IllegalStateException("No dev Cassandra runtime in " + runtimeDir.toAbsolutePath()
                        + " (it needs lib/ with Cassandra's jars and classes/). Build it with "
                        + "`mvn -B -DskipTests package` from the repository root, or run bin/bloodbridge.");
            }
        }
    }

    private final Process process;
    private final Settings settings;
    private final int nativePort;
    private boolean closed;

    private DevCassandra(Process process, Settings settings) {
        this.process = process;
        this.settings = settings;
        this.nativePort = settings.nativePort();
    }

    /** Starts Cassandra and returns once it accepts CQL connections; stops it again if it does not. */
    public static DevCassandra start(Settings settings) {
        CassandraFiles files = new CassandraFiles(settings.dataDir());
        long startNanos = System.nanoTime();
        Process process;
        try {
            files.write(settings.nativePort(), settings.storagePort());
            process = new ProcessBuilder(command(settings, files))
                    .redirectErrorStream(true)
                    .redirectOutput(files.consoleLog().toFile())
                    .start();
            process.getOutputStream().close(); // Cassandra reads no input
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Cassandra in " + files.dataDir(), e);
        }
        DevCassandra cassandra = new DevCassandra(process, settings);
        log.info("Starting Cassandra (pid {}) on {}, data in {}", process.pid(), cassandra.contactPoint(), files.dataDir());
        try {
            cassandra.awaitCql(files, System.nanoTime() + settings.startTimeout().toNanos());
        } catch (InterruptedException e) {
            cassandra.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Cassandra to start", e);
        } catch (RuntimeException e) {
            cassandra.close();
            throw e;
        }
        log.info("Cassandra ready on {} after {} ms", cassandra.contactPoint(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return cassandra;
    }

    private static List<String> command(Settings settings, CassandraFiles files) {
        Path runtime = settings.runtimeDir().toAbsolutePath();
        String classpath = runtime.resolve("classes") + File.pathSeparator + runtime.resolve("lib") + File.separator + "*";
        // No JMX port (7199) unless asked (tests ask for a free one), so several instances can run
        // side by side; cassandra.jmx.local.port binds to 127.0.0.1 only.
        List<String> jmx = settings.jmxPort() > 0
                ? List.of("-Dcassandra.jmx.local.port=" + settings.jmxPort(), "-Djava.rmi.server.hostname=" + HOST)
                : List.of();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.heap()));
        command.addAll(jmx);
        command.addAll(List.of(
                "@" + files.jvmOptions(),
                // Cassandra warns that carrying on after an OutOfMemoryError can corrupt data.
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.net.preferIPv4Stack=true",
                "-Dcassandra.config=" + files.yaml().toUri(),
                "-Dcassandra-foreground=true",
                "-Dcassandra.storagedir=" + files.dataDir(),
                "-Dcassandra.logdir=" + files.logDir(),
                "-Dlogback.configurationFile=" + files.logbackXml(),
                // A single node has no peers whose gossip could settle.
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dbloodbridge.owner.pid=" + ProcessHandle.current().pid()));
        command.addAll(settings.jvmOptions());
        command.addAll(List.of(
                "-cp", classpath,
                "org.bloodbridge.cassandra.OwnedCassandra"));
        return command;
    }

    private void awaitCql(CassandraFiles files, long deadlineNanos) throws InterruptedException {
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cassandra exited with code " + process.exitValue()
                        + " before accepting CQL connections." + logTail(files));
            }
            if (portOpen() && cqlAnswers()) {
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("Cassandra did not accept CQL connections on " + contactPoint()
                        + " in time." + logTail(files));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** A cheap check first, so the driver does not log a failed connection attempt every poll. */
    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, nativePort), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean cqlAnswers() {
        try (CqlSession session = openSession()) {
            return session.execute("SELECT release_version FROM system.local").one() != null;
        } catch (DriverException e) {
            return false;
        }
    }

    private static String logTail(CassandraFiles files) {
        try {
            List<String> lines = Files.readAllLines(files.consoleLog());
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size());
            return "\nLast lines of " + files.consoleLog() + ":\n" + String.join("\n", tail)
                    + "\nFull log: " + files.systemLog();
        } catch (IOException e) {
            return " (could not read " + files.consoleLog() + ": " + e + ")";
        }
    }

    /** A new CQL session to this Cassandra; the caller closes it. */
    public CqlSession openSession() {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(HOST, nativePort))
                .withLocalDatacenter(DATACENTER)
                // Schema statements on a loaded 2-core machine take longer than the driver's 2 s default.
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .build())
                .build();
    }

    /** Host and CQL port, for example "127.0.0.1:9042". */
    public String contactPoint() {
        return HOST + ":" + nativePort;
    }

    public int nativePort() {
        return nativePort;
    }

    /** The local-only JMX port, or 0 when JMX is off. */
    public int jmxPort() {
        return settings.jmxPort();
    }

    /** Where Cassandra keeps everything: data files under {@code data/<keyspace>/<table>-<id>/}, commit log, config, logs. */
    public Path dataDir() {
        return settings.dataDir().toAbsolutePath().normalize();
    }

    /** The pid of the Cassandra JVM. */
    public long pid() {
        return process.pid();
    }

    /** Blocks until the Cassandra JVM exits and returns its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Stops Cassandra: SIGTERM, then SIGKILL if it has not exited within 20 s. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!process.isAlive()) {
            return;
        }
        log.info("Stopping Cassandra (pid {})", process.pid());
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("Cassandra (pid {}) did not stop within {} s; killing it", process.pid(), STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
