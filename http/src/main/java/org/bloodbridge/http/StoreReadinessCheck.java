package org.bloodbridge.http;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * Pekko Management readiness check ({@code pekko.management.health-checks.readiness-checks.store}):
 * the node is ready only when its store is; Pekko's own cluster-membership check adds "and Up".
 */
public final class StoreReadinessCheck implements Supplier<CompletionStage<Boolean>> {
    private final StoreReadiness readiness;

    public StoreReadinessCheck(ActorSystem system) {
        this.readiness = StoreReadiness.ID.apply(Adapter.toTyped(system));
    }

    @Override
    public CompletionStage<Boolean> get() {
        return readiness.ready();
    }
}
