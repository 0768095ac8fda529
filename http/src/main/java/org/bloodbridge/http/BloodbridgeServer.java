package org.bloodbridge.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bloodbridge.persistence.cassandra.DevCassandra;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/bloodbridge}: runs one node. Without {@code BLOODBRIDGE_CASSANDRA} it first starts
 * the embedded dev Cassandra under the data directory and stops it again after the node. SIGTERM
 * or Ctrl-C stops both.
 */
public final class BloodbridgeServer {
    private static final Logger log = LoggerFactory.getLogger(BloodbridgeServer.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private BloodbridgeServer() {}

    public static void main(String[] args) throws Exception {
        Config config = ConfigFactory.load();
        ServerSettings settings = ServerSettings.from(config);

        DevCassandra cassandra = null;
        List<String> contactPoints = settings.cassandraContactPoints();
        if (contactPoints.isEmpty()) {
            cassandra = DevCassandra.start(DevCassandra.Settings.forDev(settings.dataDir().resolve("cassandra")));
            contactPoints = List.of(cassandra.contactPoint());
        }
        BloodbridgeNode node = BloodbridgeNode.start(withContactPoints(config, contactPoints), Clock.system(settings.zone()));
        Runtime.getRuntime().addShutdownHook(new Thread(stopInOrder(node, cassandra), "bloodbridge-stop"));

        awaitReady(node);
        System.out.println("Bloodbridge ready on " + ApiTls.scheme(config) + "://" + settings.httpHost() + ":" + node.httpPort());
    }

    /** The node first (it flushes to Cassandra), then the dev Cassandra. */
    private static Runnable stopInOrder(BloodbridgeNode node, DevCassandra cassandra) {
        return () -> {
            log.info("stopping");
            node.close();
            if (cassandra != null) {
                cassandra.close();
            }
        };
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
