package org.bloodbridge.engine;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Keeps entities that must always run running: sharding starts an entity only when a message
 * reaches it, and a pool should rebuild (and the standing requests resume) as soon as a node starts
 * or a shard moves, not on the first request. Each node runs one, calling {@code wake} at once and
 * then every {@code interval}; a wake-up message to a running entity does nothing.
 */
public final class KeepAlive {
    private KeepAlive() {}

    private enum Tick { INSTANCE }

    public static Behavior<Object> create(Duration interval, Runnable wake) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, interval);
            return Behaviors.receiveMessage(tick -> {
                wake.run();
                return Behaviors.same();
            });
        }));
    }
}
