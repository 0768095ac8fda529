package org.bloodbridge.engine.donor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Sends a command to the DonorEntity of a donorId, wherever in the cluster it lives. A store that
 * does not answer within the timeout fails the stage with a {@link java.util.concurrent.TimeoutException}.
 */
public final class DonorDirectory {
    private final ClusterSharding sharding;
    private final Duration timeout;
    private final Executor dispatcher;

    public DonorDirectory(ActorSystem<?> system, Duration timeout) {
        this.sharding = ClusterSharding.get(system);
        this.timeout = timeout;
        this.dispatcher = system.executionContext();
    }

    public CompletionStage<DonorEntity.Reply> ask(
            String donorId, Function<ActorRef<DonorEntity.Reply>, DonorEntity.Command> command) {
        // The stage Pekko returns (Scala's CompletableFuture wrapper) runs every callback, even
        // thenApply, asynchronously on the common pool; with fewer than 3 cores that pool is a new
        // thread per task. Hand the reply over to the actor dispatcher once, in a plain future.
        CompletableFuture<DonorEntity.Reply> reply = new CompletableFuture<>();
        sharding.entityRefFor(DonorEntity.TYPE_KEY, donorId).ask(command::apply, timeout)
                .whenCompleteAsync((r, failure) -> {
                    if (failure != null) {
                        reply.completeExceptionally(failure);
                    } else {
                        reply.complete(r);
                    }
                }, dispatcher);
        return reply;
    }
}
