package org.bloodbridge.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bloodbridge.http.access.DevIdentityProvider;
import org.bloodbridge.persistence.cassandra.DevCassandra;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/bloodbridge}: runs one node. Without {@code BLOODBRIDGE_CASSANDRA} it first starts
 * the embedded dev Cassandra under the data directory (CQL port {@code BLOODBRIDGE_CASSANDRA_PORT},
 * default 9042; internode {@code BLOODBRIDGE_CASSANDRA_STORAGE_PORT}, default 7000).
 *
 * <p>SIGTERM or Ctrl-C runs the node's CoordinatedShutdown (its JVM hook): HTTP unbinds, the node
 * leaves the cluster, the actor system terminates; only then is the dev Cassandra stopped, and the
 * JVM exits once it has. No other shutdown hook does anything of its own. The log shows the order:
 * "HTTP unbound", "actor system terminated", "dev Cassandra stopped".
 */
public final class BloodbridgeServer {
    private static final Logger log = LoggerFactory.getLogger(BloodbridgeServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** How long the JVM waits at exit for the node's shutdown and then the dev services' (when it runs them). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

    private BloodbridgeServer() {}

    public static void main(String[] args) throws Exception {
        Config config = ConfigFactory.load();
        ServerSettings settings = ServerSettings.from(config);

        // The dev identity provider starts beside the dev Cassandra (both take tens of seconds).
        CompletableFuture<DevIdentityProvider> identity = config.getString("bloodbridge.access.issuer").isBlank()
                ? CompletableFuture.supplyAsync(() -> DevIdentityProvider.start(DevIdentityProvider.Settings.forDev(
                        settings.dataDir().resolve(DevIdentityProvider.NODE_SUBDIR))))
                : CompletableFuture.completedFuture(null);
        DevCassandra cassandra = null;
        DevIdentityProvider provider = null;
        BloodbridgeNode node;
        try {
            List<String> contactPoints = settings.cassandraContactPoints();
            if (contactPoints.isEmpty()) {
                cassandra = DevCassandra.start(DevCassandra.Settings.forDev(settings.dataDir().resolve("cassandra"))
                        .withNativePort(envPort("BLOODBRIDGE_CASSANDRA_PORT", 9042))
                        .withStoragePort(envPort("BLOODBRIDGE_CASSANDRA_STORAGE_PORT", 7000)));
                contactPoints = List.of(cassandra.contactPoint());
            }
            provider = identity.join();
            Config nodeConfig = withContactPoints(config, contactPoints);
            if (provider != null) {
                log.info("dev identity provider at {} (bin/bloodbridge token prints a token of it)", provider.issuer());
                nodeConfig = nodeConfig.withValue("bloodbridge.access.issuer",
                        ConfigValueFactory.fromAnyRef(provider.issuer().toString()));
            }
            node = BloodbridgeNode.start(nodeConfig, Clock.system(settings.zone()));
        } catch (RuntimeException e) {
            closeAll(cassandra, provider == null ? identity.getNow(null) : provider);
            throw e;
        }
        if (cassandra != null || provider != null) {
            CompletableFuture<Void> stopped = afterTheNode(node, cassandra, provider);
            // Keeps the JVM alive on SIGTERM until the dev services have stopped after the node; it does nothing
            // itself. Only then: without dev services, a node whose actor system is slow to terminate must still
            // exit once CoordinatedShutdown's last phase has timed out, not STOP_TIMEOUT later.
            node.addJvmShutdownHook(() -> {
                try {
                    stopped.get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    log.warn("shutdown did not finish within {} s", STOP_TIMEOUT.toSeconds(), e);
                }
            });
        }

        awaitReady(node);
        System.out.println("Bloodbridge ready on " + ApiTls.scheme(config) + "://" + settings.httpHost() + ":" + node.httpPort());
    }

    /** Once the node's actor system has terminated (however its shutdown began): the dev identity provider and Cassandra, if any. */
    private static CompletableFuture<Void> afterTheNode(BloodbridgeNode node, DevCassandra cassandra,
            DevIdentityProvider provider) {
        return node.whenTerminated().toCompletableFuture().thenRunAsync(() -> closeAll(cassandra, provider),
                task -> new Thread(task, "dev-services-stop").start());
    }

    private static void closeAll(DevCassandra cassandra, DevIdentityProvider provider) {
        if (provider != null) {
            provider.close();
            log.info("dev identity provider stopped");
        }
        if (cassandra != null) {
            cassandra.close();
            log.info("dev Cassandra stopped");
        }
    }

    private static int envPort(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    static Config withContactPoints(Config config, List<String> contactPoints) {
        return config.withValue("datastax-java-driver.basic.contact-points", ConfigValueFactory.fromIterable(contactPoints));
    }
    private static void awaitReady(BloodbridgeNode node) throws Exception {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (!node.ready().toCompletableFuture().get(10, TimeUnit.SECONDS)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not ready after " + READY_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(200); // polling interval while waiting for readiness, not a correctness wait
        }
    }
}
