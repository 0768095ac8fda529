package org.bloodbridge.engine.donor;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.bloodbridge.engine.ShardedAsk;

/**
 * Sends a command to the DonorEntity of a donorId, wherever in the cluster it lives. A store that
 * does not answer within the timeout fails the stage with a {@link java.util.concurrent.TimeoutException}.
 */
public final class DonorDirectory {
    private final ShardedAsk asks;
    private final Duration timeout;

    public DonorDirectory(ActorSystem<?> system, Duration timeout) {
        this.asks = new ShardedAsk(system);
        this.timeout = timeout;
    }

    public CompletionStage<DonorEntity.Reply> ask(
            String donorId, Function<ActorRef<DonorEntity.Reply>, DonorEntity.Command> command) {
        return asks.ask(DonorEntity.TYPE_KEY, donorId, command, timeout);
    }
}
