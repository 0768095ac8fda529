package org.bloodbridge.persistence;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/** Whether Cassandra answers (on a session of its own, see persistence.conf). */
public final class StoreHealth {
    private final CassandraSession session;

    public StoreHealth(ActorSystem<?> system) {
        this.session = CassandraSessionRegistry.get(system).sessionFor("bloodbridge.cassandra.health-session");
    }

    public CompletionStage<Boolean> reachable() {
        return session.selectOne("SELECT release_version FROM system.local")
                .thenApply(row -> row.isPresent())
                .exceptionally(failure -> false);
    }
}
