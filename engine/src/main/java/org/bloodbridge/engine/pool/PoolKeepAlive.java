package org.bloodbridge.engine.pool;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Keeps every centre's pool running: sharding starts an entity only when a message reaches it, and
 * a pool should rebuild as soon as a node starts (or its shard moves), not on the first match
 * request. Each node runs one; a {@link CentrePool.Wake} to a running pool does nothing.
 */
public final class PoolKeepAlive {
    private PoolKeepAlive() {}

    private enum Tick { INSTANCE }

    public static Behavior<Object> create(List<String> centres, Duration interval) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
            timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ZERO, interval);
            return Behaviors.receiveMessage(tick -> {
                centres.forEach(centre -> sharding.entityRefFor(CentrePool.TYPE_KEY, centre).tell(new CentrePool.Wake()));
                return Behaviors.same();
            });
        }));
    }
}
