package org.bloodbridge.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Whether this node's store is usable (Cassandra answers, the read-side schema is in place), as
 * the node set it up at start; read by {@link StoreReadinessCheck}, which Pekko Management
 * instantiates itself and so cannot be handed the node's parts.
 */
final class StoreReadiness implements Extension {
    static final ExtensionId<StoreReadiness> ID = new ExtensionId<>() {
        @Override
        public StoreReadiness createExtension(ActorSystem<?> system) {
            return new StoreReadiness();
        }
    };

    private volatile Supplier<CompletionStage<Boolean>> check = () -> CompletableFuture.completedFuture(false);

    void set(Supplier<CompletionStage<Boolean>> check) {
        this.check = check;
    }

    CompletionStage<Boolean> ready() {
        return check.get();
    }
}
