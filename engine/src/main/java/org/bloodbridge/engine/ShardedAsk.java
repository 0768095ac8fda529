package org.bloodbridge.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Asks (or tells) a sharded entity, wherever in the cluster it lives. An entity that does not answer
 * within the timeout fails the stage with a {@link java.util.concurrent.TimeoutException}.
 */
public final class ShardedAsk {
    private final ClusterSharding sharding;
    private final Executor dispatcher;

    public ShardedAsk(ActorSystem<?> system) {
        this.sharding = ClusterSharding.get(system);
        this.dispatcher = system.executionContext();
    }

    public <C, R> CompletionStage<R> ask(EntityTypeKey<C> type, String entityId, Function<ActorRef<R>, C> command,
            Duration timeout) {
        // The stage Pekko returns (Scala's CompletableFuture wrapper) runs every callback, even
        // thenApply, asynchronously on the common pool; with fewer than 3 cores that pool is a new
        // thread per task. Hand the reply over to the actor dispatcher once, in a plain future.
        CompletableFuture<R> reply = new CompletableFuture<>();
        sharding.entityRefFor(type, entityId).<R>ask(command::apply, timeout)
                .whenCompleteAsync((r, failure) -> {
                    if (failure != null) {
                        reply.completeExceptionally(failure);
                    } else {
                        reply.complete(r);
                    }
                }, dispatcher);
        return reply;
    }

    /** Sends {@code command} and expects no answer. */
    public <C> void tell(EntityTypeKey<C> type, String entityId, C command) {
        sharding.entityRefFor(type, entityId).tell(command);
    }
}
