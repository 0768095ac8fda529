package org.bloodbridge.http.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Keycloak (OpenID Connect identity provider) for development and tests, run in its own JVM,
 * with the {@code bloodbridge} realm of {@code bloodbridge-realm.json} (next to this class)
 * imported on its first start.
 *
 * <p>Keycloak comes from the http/keycloak-runtime module's build output ({@code target/keycloak},
 * the unpacked server distribution) and runs as {@code kc.sh start-dev} on 127.0.0.1. Its database
 * (H2 files), its realm import and its log live in a directory this class owns, so several
 * providers (a dev node, a test JVM, another worktree) share one distribution. The Keycloak JVM
 * carries {@code org.bloodbridge.keycloak.OwnerWatchdogAgent}, which stops it when this process is
 * gone, even after a SIGKILL; a clean {@link #close()}, and the shutdown hook registered by
 * {@link #start}, stop it earlier.
 *
 * <p>While it runs, the provider's issuer is in {@code <dataDir>/issuer} ({@link #ISSUER_FILE}), for
 * {@code bin/bloodbridge token} ({@link TokenCommand}) to find.
 *
 * <pre>{@code
 * try (DevIdentityProvider idp = DevIdentityProvider.start(DevIdentityProvider.Settings.forTests(dir))) {
 *     String token = idp.tokens().accessToken("t-cd-coord", List.of("CD"), List.of("coordinator"));
 * }
 * }</pre>
 */
public final class DevIdentityProvider implements AutoCloseable {
    /** System property naming the keycloak-runtime module's {@code target} directory. */
    public static final String RUNTIME_PROPERTY = "bloodbridge.keycloak.runtime";
    /** Environment variable: the dev provider's HTTP port (unset or 0: a free port). */
    public static final String PORT_ENV = "BLOODBRIDGE_KEYCLOAK_PORT";
    public static final String HOST = "127.0.0.1";
    /** The dev provider's port when {@code BLOODBRIDGE_KEYCLOAK_PORT} is not set. */
    public static final int DEV_PORT = 8180;
    public static final String REALM = "bloodbridge";
    /** The API's client: the audience of every token, and the client of the password grant. */
    public static final String API_CLIENT = "bloodbridge";
    /** The console's public client: authorization code flow with PKCE S256. */
    public static final String CONSOLE_CLIENT = "bloodbridge-console";
    /** Keycloak's bootstrap administrator in the master realm. Development values only. */
    public static final String DEV_ADMIN_USERNAME = "admin";
    public static final String DEV_ADMIN_PASSWORD = "admin";
    /** The provider's directory inside a node's data directory: {@code data/keycloak}. */
    public static final String NODE_SUBDIR = "keycloak";
    /** File in the data directory holding the issuer while the provider runs. */
    public static final String ISSUER_FILE = "issuer";
    public static final String REALM_RESOURCE = "bloodbridge-realm.json";

    private static final Logger log = LoggerFactory.getLogger(DevIdentityProvider.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final long POLL_MILLIS = 250;
    private static final int LOG_LINES_ON_FAILURE = 40;
    /** The parts of the distribution that each provider's home links to; {@code data} is its own. */
    private static final List<String> SHARED_PARTS = List.of("bin", "conf", "lib", "providers", "themes");
    /**
     * Keycloak's JVM options, after kc.sh's own (G1, metaspace at most 256 MB): C1 only, which on this
     * 2-core machine started a dev Keycloak with about 40% less CPU time and 100 MB less memory (peak
     * throughput does not matter here), and a small code cache.
     */
    private static final String JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m";

    /**
     * How to run a dev/test Keycloak.
     *
     * @param dataDir the directory this provider owns: Keycloak's home with its H2 database
     *     ({@code home/data}), the realm import, the log ({@code keycloak.log}) and the issuer file
     * @param port the HTTP port on 127.0.0.1; 0 for a free one
     * @param runtimeDir the keycloak-runtime module's {@code target} directory
     * @param heap the -Xmx value, for example "512m"
     * @param startTimeout how long {@link #start} waits for the realm's discovery document
     */
    public record Settings(Path dataDir, int port, Path runtimeDir, String heap, Duration startTimeout) {
        public static final String DEFAULT_HEAP = "512m";
        /** A first start (Quarkus build for dev mode, database creation) takes minutes on a busy 2-core machine. */
        public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(5);

        public Settings {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(heap, "heap");
            Objects.requireNonNull(startTimeout, "startTimeout");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            requireRuntime(runtimeDir);
        }

        /**
         * For a developer's node: the port from {@code BLOODBRIDGE_KEYCLOAK_PORT}, else {@link #DEV_PORT}
         * (fixed, so the issuer and with it the tokens handed out survive a restart of the node).
         */
        public static Settings forDev(Path dataDir) {
            String port = System.getenv(PORT_ENV);
            return new Settings(dataDir, port == null || port.isBlank() ? DEV_PORT : Integer.parseInt(port.trim()),
                    runtimeDirFromProperty(), DEFAULT_HEAP, DEFAULT_START_TIMEOUT);
        }

        /** A free port, so that test runs never collide. */
        public static Settings forTests(Path dataDir) {
            return new Settings(dataDir, 0, runtimeDirFromProperty(), DEFAULT_HEAP, DEFAULT_START_TIMEOUT);
        }

        public Settings withPort(int newPort) {
            return new Settings(dataDir, newPort, runtimeDir, heap, startTimeout);
        }

        public Settings withHeap(String newHeap) {
            return new Settings(dataDir, port, runtimeDir, newHeap, startTimeout);
        }

        public Settings withStartTimeout(Duration timeout) {
            return new Settings(dataDir, port, runtimeDir, heap, timeout);
        }

        static Path runtimeDirFromProperty() {
            String dir = System.getProperty(RUNTIME_PROPERTY);
            if (dir == null || dir.isBlank()) {
                throw new IllegalStateException("System property " + RUNTIME_PROPERTY + " is not set. Point it at "
                        + "http/keycloak-runtime/target, built by `mvn -B -DskipTests package` from the "
                        + "repository root (bin/bloodbridge does both).");
            }
            return Path.of(dir);
        }

        private static void requireRuntime(Path runtimeDir) {
            Objects.requireNonNull(runtimeDir, "runtimeDir");
            if (!Files.isRegularFile(runtimeDir.resolve("keycloak/bin/kc.sh"))
                    || !Files.isRegularFile(runtimeDir.resolve("keycloak-runtime.jar"))) {
                throw new IllegalStateException("No dev Keycloak runtime in " + runtimeDir.toAbsolutePath()
                        + " (it needs keycloak/bin/kc.sh and keycloak-runtime.jar). Build it with "
                        + "`mvn -B -DskipTests package` from the repository root, or run bin/bloodbridge.");
            }
        }
    }

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private final Thread shutdownHook = new Thread(this::close, "dev-keycloak-stop");
    private boolean closed;

    private DevIdentityProvider(Process process, int port, Path dataDir, Path logFile) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    /**
     * Starts Keycloak and returns once the realm's discovery document answers; stops it again if it
     * does not within the start timeout. The first start from a freshly unpacked distribution also
     * runs Keycloak's build for dev mode, kept in the distribution for later starts; starters wait
     * for each other while it runs.
     */
    public static DevIdentityProvider start(Settings settings) {
        Path dataDir = settings.dataDir().toAbsolutePath();
        Path runtime = settings.runtimeDir().toAbsolutePath();
        Path dist = runtime.resolve("keycloak");
        Path home = dataDir.resolve("home");
        Path logFile = dataDir.resolve("keycloak.log");
        int port = settings.port() == 0 ? freePort() : settings.port();
        long startNanos = System.nanoTime();
        try {
            prepareHome(dist, home);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Keycloak's directory " + home, e);
        }
        // Only the first start of a distribution rewrites it (lib/quarkus); the others must not run meanwhile.
        try (BuildLock ignored = builtForDevMode(dist) ? null : BuildLock.acquire(runtime.resolve("keycloak-build.lock"))) {
            DevIdentityProvider provider = launch(settings, dist, home, dataDir, logFile, port);
            try {
                provider.awaitReady(System.nanoTime() + settings.startTimeout().toNanos());
            } catch (InterruptedException e) {
                provider.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak to start", e);
            } catch (RuntimeException e) {
                provider.close();
                throw e;
            }
            provider.writeIssuerFile();
            log.info("Keycloak ready at {} after {} ms (pid {}, log {})", provider.issuer(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), provider.pid(), logFile);
            return provider;
        }
    }

    private static DevIdentityProvider launch(Settings settings, Path dist, Path home, Path dataDir, Path logFile,
                                              int port) {
        Path agent = settings.runtimeDir().toAbsolutePath().resolve("keycloak-runtime.jar");
        List<String> command = List.of("/bin/sh", dist.resolve("bin/kc.sh").toString(),
                "-Dkc.home.dir=" + home,
                "start-dev",
                "--http-host=" + HOST,
                "--http-port=" + port,
                "--import-realm");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        // The owner's settings for its own JVM, or for another Keycloak, must not reach this one.
        env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS")
                || name.startsWith("QUARKUS_") || name.equals("JAVA_ADD_OPENS") || name.equals("JAVA_TOOL_OPTIONS"));
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx" + settings.heap());
        env.put("JAVA_OPTS_APPEND", JVM_OPTIONS + " -javaagent:" + agent + "=" + ProcessHandle.current().pid());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", DEV_ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", DEV_ADMIN_PASSWORD);
        Process process;
        try {
            Files.writeString(logFile, "---- " + java.time.Instant.now() + " " + String.join(" ", command) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = builder.start();
            process.getOutputStream().close(); // Keycloak reads no input
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak from " + dist, e);
        }
        DevIdentityProvider provider = new DevIdentityProvider(process, port, dataDir, logFile);
        Runtime.getRuntime().addShutdownHook(provider.shutdownHook);
        log.info("Starting Keycloak (pid {}) on http://{}:{}, data in {}", process.pid(), HOST, port, dataDir);
        return provider;
    }

    /**
     * Keycloak's home for this provider: links to the distribution's parts and its own {@code data}
     * directory, with the realm to import in {@code data/import}. Keycloak imports a realm only when
     * it does not exist yet, so a dev database keeps its realm (and its users) across restarts.
     */
    private static void prepareHome(Path dist, Path home) throws IOException {
        Files.createDirectories(home.resolve("data/import"));
        for (String part : SHARED_PARTS) {
            Path link = home.resolve(part);
            if (Files.isSymbolicLink(link) || Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(link);
            }
            Files.createSymbolicLink(link, dist.resolve(part));
        }
        try (InputStream realm = DevIdentityProvider.class.getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException("no " + REALM_RESOURCE + " next to " + DevIdentityProvider.class);
            }
            Files.copy(realm, home.resolve("data/import/" + REALM_RESOURCE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether a start-dev has already run Keycloak's build for dev mode in this distribution. */
    static boolean builtForDevMode(Path dist) {
        try (ZipFile jar = new ZipFile(dist.resolve("lib/quarkus/generated-bytecode.jar").toFile())) {
            ZipEntry entry = jar.getEntry("META-INF/keycloak-persisted.properties");
            if (entry == null) {
                return false;
            }
            Properties persisted = new Properties();
            try (InputStream in = jar.getInputStream(entry)) {
                persisted.load(in);
            }
            return "dev".equals(persisted.getProperty("kc.profile"));
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitReady(long deadlineNanos) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(discoveryUri()).timeout(Duration.ofSeconds(10)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + " before it was ready." + logTail());
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException e) {
                // not listening yet
            } catch (IOException e) {
                // listening but not answering yet
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("Keycloak did not answer " + discoveryUri() + " in time." + logTail());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size());
            return "\nLast lines of " + logFile + ":\n" + String.join("\n", tail);
        } catch (IOException e) {
            return " (could not read " + logFile + ": " + e + ")";
        }
    }

    private void writeIssuerFile() {
        Path file = dataDir.resolve(ISSUER_FILE);
        Path tmp = dataDir.resolve(ISSUER_FILE + ".tmp");
        try {
            Files.writeString(tmp, issuer() + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /**
     * The issuer of the dev provider whose data directory is {@code dataDir}, as it wrote it when it
     * became ready; empty when there is no such file (no provider has run there, or it was stopped).
     * A provider that was killed leaves the file behind: callers find out when it does not answer.
     */
    public static Optional<URI> issuerOf(Path dataDir) {
        Path file = dataDir.resolve(ISSUER_FILE);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(URI.create(text));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** The issuer, {@code http://127.0.0.1:<port>/realms/bloodbridge}: the {@code iss} of its tokens. */
    public URI issuer() {
        return URI.create(baseUrl() + "/realms/" + REALM);
    }

    /** {@code http://127.0.0.1:<port>}: Keycloak's root, where its admin API is. */
    public URI baseUrl() {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** The realm's OpenID Connect discovery document. */
    public URI discoveryUri() {
        return URI.create(issuer() + "/.well-known/openid-configuration");
    }

    /** The realm's signing keys (JWKS), for verifying its tokens. */
    public URI jwksUri() {
        return URI.create(issuer() + "/protocol/openid-connect/certs");
    }

    public int port() {
        return port;
    }

    /** The directory this provider owns. */
    public Path dataDir() {
        return dataDir;
    }

    /** Keycloak's log: everything its JVM printed, across starts. */
    public Path logFile() {
        return logFile;
    }

    /** The pid of the process started for Keycloak ({@code kc.sh}, whose child is Keycloak's JVM). */
    public long pid() {
        return process.pid();
    }

    /** Blocks until Keycloak has exited and returns kc.sh's exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Tokens from this provider for any subject, centres and roles, as users get them (password grant). */
    public DevTokens tokens() {
        return new DevTokens(baseUrl());
    }

    /**
     * Stops Keycloak: SIGTERM to kc.sh and Keycloak's JVM, then SIGKILL to what has not exited within
     * 20 s. Removes the issuer file. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: this call may be the hook itself.
        }
        removeIssuerFile();
        List<ProcessHandle> tree = new ArrayList<>();
        process.toHandle().descendants().forEach(tree::add);
        tree.add(process.toHandle());
        if (tree.stream().noneMatch(ProcessHandle::isAlive)) {
            return;
        }
        log.info("Stopping Keycloak (pid {})", process.pid());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        try {
            for (ProcessHandle handle : tree) {
                long left = Math.max(0, deadline - System.nanoTime());
                try {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    log.warn("Keycloak process {} did not stop within {} s; killing it", handle.pid(),
                            STOP_TIMEOUT.toSeconds());
                    handle.destroyForcibly();
                } catch (java.util.concurrent.ExecutionException e) {
                    handle.destroyForcibly();
                }
            }
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private void removeIssuerFile() {
        Path file = dataDir.resolve(ISSUER_FILE);
        try {
            if (issuerOf(dataDir).map(issuer()::equals).orElse(false)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not remove {}: {}", file, e.toString());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port for Keycloak", e);
        }
    }

    /** An exclusive lock on a file, across processes, released by close(). */
    private record BuildLock(FileChannel channel, FileLock lock) implements AutoCloseable {
        static BuildLock acquire(Path file) {
            try {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                log.info("Keycloak's first start from {}: building it for dev mode (once; about a minute)",
                        file.getParent());
                return new BuildLock(channel, channel.lock());
            } catch (IOException e) {
                throw new UncheckedIOException("could not lock " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                log.warn("could not release {}: {}", channel, e.toString());
            }
        }
    }
}
