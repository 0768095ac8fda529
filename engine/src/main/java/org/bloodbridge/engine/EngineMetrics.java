package org.bloodbridge.engine;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * What the engine's actors report for the node's metrics. The engine knows no metrics library: the
 * node installs an implementation ({@link #install}) before it starts the entities, which look it
 * up with {@link #of}. Every method is called on an actor's thread and must return at once.
 */
public interface EngineMetrics {
    /** Reports nothing (the default, e.g. in the engine's own tests). */
    EngineMetrics NONE = new EngineMetrics() {};

    /** A centre's pool started (or restarted) its rebuild from the read side on this node. */
    default void poolRebuilding(String centre) {}

    /** The pool finished its rebuild, after {@code nanos}, and answers matches. */
    default void poolReady(String centre, long nanos) {}

    /** The pool's donor count changed (or may have). */
    default void poolSize(String centre, int donors) {}

    /** The pool stopped on this node (the node leaves, or its shard moved away). */
    default void poolStopped(String centre) {}

    /** A centre's pool answered a match search {@code nanos} after it was asked. */
    default void poolAnswered(String centre, long nanos) {}

    /** A match search reported the centre missing (no answer in time, not ready, or unconfirmed candidates). */
    default void centreMissing(String centre) {}

    /** A match request entity started on this node (a new request, or one recovered from its events). */
    default void requestStarted() {}

    /** A match request entity stopped on this node (passivated when idle, or the node leaves). */
    default void requestStopped() {}

    static EngineMetrics of(ActorSystem<?> system) {
        return Installed.ID.apply(system).metrics;
    }

    static void install(ActorSystem<?> system, EngineMetrics metrics) {
        Installed.ID.apply(system).metrics = metrics;
    }

    /** The actor system's implementation. */
    final class Installed implements Extension {
        static final ExtensionId<Installed> ID = new ExtensionId<>() {
            @Override
            public Installed createExtension(ActorSystem<?> system) {
                return new Installed();
            }
        };

        private volatile EngineMetrics metrics = NONE;
    }
}
