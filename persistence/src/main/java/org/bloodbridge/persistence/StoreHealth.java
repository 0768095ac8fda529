package org.bloodbridge.persistence;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/** Whether Cassandra answers (on a session of its own, see persistence.conf). */
public final class StoreHealth {
    private final CassandraSession session;
    private final Duration timeout;

    public StoreHealth(ActorSystem<?> system, Duration timeout) {
        this.session = CassandraSessionRegistry.get(system).sessionFor("bloodbridge.cassandra.health-session");
        this.timeout = timeout;
    }

    /** True when a query succeeds within the timeout; false otherwise (an unreachable store never answers). */
    public CompletionStage<Boolean> reachable() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        session.selectOne("SELECT release_version FROM system.local")
                .whenComplete((row, failure) -> answer.complete(failure == null && row.isPresent()));
        return answer.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
