package org.bloodbridge.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import com.fasterxml.jackson.databind.JsonNode;
import org.bloodbridge.http.access.TestIdentityProvider;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.bloodbridge.persistence.cassandra.TestKeyspaces;

/**
 * A real Bloodbridge node for a test: real HTTP on a free port, real Cassandra (the test run's
 * shared one), its own keyspaces so tests never see each other's data, and a fixed clock
 * (today is 2026-11-25 in Asia/Shanghai). Always closed by the test that starts it.
 */
final class TestServer implements AutoCloseable {
    /**
     * Starts at noon on 2026-11-25 in Shanghai whenever the tests run, and ticks: "today" stays
     * that day for any test run, and request times still order.
     */
    static final Clock CLOCK = Clock.offset(Clock.system(ZoneId.of("Asia/Shanghai")),
            Duration.between(Instant.now(), Instant.parse("2026-11-25T04:00:00Z")));

    private final BloodbridgeNode node;
    private final HttpClient client = HttpClient.newHttpClient();
    final String keyspaceSuffix;

    private TestServer(BloodbridgeNode node, String keyspaceSuffix) {
        this.node = node;
        this.keyspaceSuffix = keyspaceSuffix;
    }

    /** A node on fresh keyspaces. */
    static TestServer start() {
        return start(TestKeyspaces.freshSuffix("t"));
    }

    /** A node on the keyspaces of an earlier one: its data survives. */
    static TestServer start(String keyspaceSuffix) {
        return start(keyspaceSuffix, Map.of());
    }

    /** A node on fresh keyspaces with some settings of its own. */
    static TestServer start(Map<String, Object> settings) {
        return start(TestKeyspaces.freshSuffix("t"), settings);
    }

    static TestServer start(String keyspaceSuffix, Map<String, Object> settings) {
        // The test run's first node starts its Keycloak and Cassandra side by side rather than one after the other.
        CompletableFuture<?> identityProvider = CompletableFuture.runAsync(TestIdentityProvider::shared);
        String cassandra = TestCassandra.shared().contactPoint();
        identityProvider.join();
        TestServer server = startUnready(keyspaceSuffix, cassandra, settings);
        server.awaitReady();
        return server;
    }

    /** A node that is not waited for, on any Cassandra address (even one where nothing listens). */
    static TestServer startUnready(String keyspaceSuffix, String cassandra, Map<String, Object> settings) {
        Config config = ConfigFactory.parseMap(settings)
                .withFallback(ConfigFactory.parseMap(Map.of(
                        // Generous: the first write of a test run creates the keyspaces, slowly on a loaded CI machine.
                        "bloodbridge.ask-timeout", "15s",
                        // Test-only: a test's node is the cluster's only member, so no shard is handed over when it
                        // stops; an entity stuck recovering (a store that is not there) held close() for 10 s.
                        "pekko.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout", "3s",
                        "bloodbridge.http.port", 0,
                        "pekko.remote.artery.canonical.port", 0,
                        "pekko.management.http.port", 0,
                        "bloodbridge.access.issuer", TestIdentityProvider.shared().issuer().toString())))
                .withFallback(ConfigFactory.parseMap(TestKeyspaces.settings(keyspaceSuffix)))
                .withFallback(ConfigFactory.load());
        config = BloodbridgeServer.withContactPoints(config, List.of(cassandra));
        return new TestServer(BloodbridgeNode.start(config, CLOCK), keyspaceSuffix);
    }

    private void awaitReady() {
        // Every 100 ms rather than back to back: each check queries Cassandra, which meanwhile creates this
        // node's keyspaces and tables on the same 2 cores.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (sendAnonymously(HttpRequest.newBuilder(uri("/health/ready")).GET()).statusCode() == 200) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the node", e);
            }
        }
        throw new AssertionError("the node was not ready within 60 s");
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.httpPort() + path);
    }

    /** {@code GET /metrics} on the node's management port. */
    HttpResponse<String> scrapeMetrics() {
        return sendAnonymously(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.managementPort() + "/metrics")).GET());
    }

    /** As {@link TestTokens#federation()}, a caller with every role at every test centre. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(postRequest(path, json));
    }

    HttpResponse<String> patch(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> getAs(String token, String path) {
        return sendAs(token, HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> postAs(String token, String path, String json) {
        return sendAs(token, postRequest(path, json));
    }

    private HttpRequest.Builder postRequest(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** With the federation caller's token. */
    HttpResponse<String> send(HttpRequest.Builder request) {
        return sendAs(TestTokens.federation(), request);
    }

    HttpResponse<String> sendAs(String token, HttpRequest.Builder request) {
        return sendAnonymously(request.header("Authorization", "Bearer " + token));
    }

    /** As it is: with no token unless {@code request} carries one. */
    HttpResponse<String> sendAnonymously(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
