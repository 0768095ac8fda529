package org.bloodbridge.persistence.readside;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.bloodbridge.persistence.cassandra.TestKeyspaces;

/**
 * Configuration of a test actor system on the test run's shared Cassandra, with keyspaces of its
 * own (journal, snapshots, projection offsets, read side) so test classes never see each other's data.
 */
final class TestConfigs {
    private TestConfigs() {}

    /** A suffix no other test of this run uses. */
    static String freshSuffix() {
        return TestKeyspaces.freshSuffix("rs");
    }

    /** persistence.conf and the engine's serialization, a single cluster node on a free port, the keyspaces of {@code suffix}. */
    static Config config(String suffix) {
        Config overrides = ConfigFactory.parseMap(Map.of(
                        "pekko.actor.provider", "cluster",
                        "pekko.remote.artery.canonical.hostname", "127.0.0.1",
                        "pekko.remote.artery.canonical.port", 0,
                        "pekko.coordinated-shutdown.exit-jvm", "off"))
                .withFallback(ConfigFactory.parseMap(TestKeyspaces.settings(suffix)))
                .withValue("datastax-java-driver.basic.contact-points",
                        ConfigValueFactory.fromIterable(List.of(TestCassandra.shared().contactPoint())));
        return ConfigFactory.load(overrides
                .withFallback(ConfigFactory.parseResources("persistence.conf"))
                .withFallback(ConfigFactory.parseResources("serialization.conf")));
    }

    /** Makes {@code system} a one-node cluster and waits until it is up. */
    static void joinSelf(ActorSystem<?> system) {
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        Await.until(Duration.ofSeconds(30), () -> cluster.selfMember().status() == MemberStatus.up(),
                "the node did not join itself");
    }
}
