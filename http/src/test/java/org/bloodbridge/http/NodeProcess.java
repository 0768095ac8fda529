package org.bloodbridge.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bloodbridge.http.access.TestIdentityProvider;

/**
 * A Bloodbridge node in a JVM of its own ({@code BloodbridgeServer}, as {@code bin/bloodbridge}
 * runs it), so a test can kill it hard (SIGKILL) or stop it gracefully (SIGTERM). Its output goes
 * to {@code target/cluster-nodes/<name>.log}.
 */
final class NodeProcess implements AutoCloseable {
    private final String name;
    private final Map<String, String> env;
    private final List<String> properties;
    final int httpPort;
    final int managementPort;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * @param nodePort its remoting port; {@code seeds} lists the seed nodes' ({@code 127.0.0.1:port,...})
     * @param properties system properties such as keyspace names, as {@code -Dkey=value}
     */
    NodeProcess(String name, int nodePort, String seeds, String cassandra, List<String> properties) {
        this(name, nodePort, seeds, cassandra, properties, Map.of());
    }

    /**
     * @param cassandra empty: the node starts a dev Cassandra of its own (then {@code moreEnv} gives its
     *     {@code BLOODBRIDGE_DATA_DIR} and ports)
     * @param moreEnv further environment of the node
     */
    NodeProcess(String name, int nodePort, String seeds, String cassandra, List<String> properties,
            Map<String, String> moreEnv) {
        this.name = name;
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.properties = List.copyOf(properties);
        Map<String, String> env = new HashMap<>(moreEnv);
        env.putAll(Map.of(
                "BLOODBRIDGE_NODE_HOST", "127.0.0.1",
                "BLOODBRIDGE_NODE_PORT", String.valueOf(nodePort),
                "BLOODBRIDGE_SEEDS", seeds,
                "BLOODBRIDGE_HTTP_PORT", String.valueOf(httpPort),
                "BLOODBRIDGE_MANAGEMENT_PORT", String.valueOf(managementPort),
                "BLOODBRIDGE_CASSANDRA", cassandra,
                // The test run's identity provider, not one of the node's own.
                "BLOODBRIDGE_OIDC_ISSUER", TestIdentityProvider.shared().issuer().toString()));
        this.env = Map.copyOf(env);
    }

    /** Where the node's output goes. */
    Path logFile() {
        return Path.of("target", "cluster-nodes", name + ".log");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC"));
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BloodbridgeServer.class.getName()));
        try {
            Files.createDirectories(logFile().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node " + name, e);
        }
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no leaving the cluster, no flushing; as a crashed machine. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: coordinated shutdown leaves the cluster and hands its shards over. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            appendThreadDump();
            process.destroyForcibly();
            throw new AssertionError(name + " did not stop within 60 s of SIGTERM");
        }
    }

    /** What the node's threads are doing, at the end of its log: why it has not stopped. */
    private void appendThreadDump() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println("no thread dump of " + name + ": " + e.getMessage());
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** A request's status and body as the federation caller ({@link TestTokens}), or null when the node does not answer at all. */
    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.header("Authorization", "Bearer " + TestTokens.federation())
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** GET on the Pekko Management port (cluster members, shards). */
    HttpResponse<String> management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET());
    }

    int status(HttpResponse<String> response) {
        return response == null ? 0 : response.statusCode();
    }

    boolean ready() {
        return status(get("/health/ready")) == 200;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public void close() {
        if (running()) {
            process.destroyForcibly();
        }
    }
}
