package org.bloodbridge.persistence.readside;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * An asynchronous value computed on first use and kept once it succeeds; a failure is forgotten,
 * so the next use tries again (Cassandra may have been down). Used for the schema and for prepared
 * statements: a table that does not exist yet cannot be prepared.
 */
public final class OnceSucceeded<T> {
    private final Supplier<CompletionStage<T>> compute;
    private CompletionStage<T> current;

    public OnceSucceeded(Supplier<CompletionStage<T>> compute) {
        this.compute = compute;
    }

    public synchronized CompletionStage<T> get() {
        if (current != null) {
            return current;
        }
        CompletionStage<T> attempt = compute.get();
        current = attempt;
        // May run at once (an already failed attempt): hence the attempt is returned, not current.
        attempt.whenComplete((value, failure) -> {
            if (failure != null) {
                forget(attempt);
            }
        });
        return attempt;
    }

    private synchronized void forget(CompletionStage<T> attempt) {
        if (current == attempt) {
            current = null;
        }
    }
}
