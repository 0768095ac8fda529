package org.bloodbridge.persistence.readside;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.bloodbridge.persistence.cassandra.TestCassandra;

/**
 * Configuration of a test actor system on the test run's shared Cassandra, with keyspaces of its
 * own (journal, snapshots, projection offsets, read side) so test classes never see each other's data.
 */
final class TestConfigs {
    private static final AtomicInteger KEYSPACES = new AtomicInteger();

    private TestConfigs() {}

    /** A suffix no other test of this run uses. */
    static String freshSuffix() {
        return "rs" + ProcessHandle.current().pid() + "_" + KEYSPACES.incrementAndGet();
    }

    /** persistence.conf and the engine's serialization, a single cluster node on a free port, the keyspaces of {@code suffix}. */
    static Config config(String suffix) {
        // Events of this run are newer than the current hour: a first eventsByTag query need not
        // scan the empty hours since persistence.conf's first-time-bucket.
        String firstBucket = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(1)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm"));
        Config overrides = ConfigFactory.parseMap(Map.of(
                        "pekko.actor.provider", "cluster",
                        "pekko.remote.artery.canonical.hostname", "127.0.0.1",
                        "pekko.remote.artery.canonical.port", 0,
                        "pekko.coordinated-shutdown.exit-jvm", "off",
                        "pekko.persistence.cassandra.journal.keyspace", "journal_" + suffix,
                        "pekko.persistence.cassandra.snapshot.keyspace", "snapshot_" + suffix,
                        "pekko.persistence.cassandra.events-by-tag.first-time-bucket", firstBucket,
                        "pekko.projection.cassandra.offset-store.keyspace", "projection_" + suffix,
                        "bloodbridge.readside.keyspace", "readside_" + suffix))
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
