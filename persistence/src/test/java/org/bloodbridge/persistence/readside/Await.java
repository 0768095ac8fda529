package org.bloodbridge.persistence.readside;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition or a result in tests, always with a deadline. */
final class Await {
    private static final long POLL_MILLIS = 20;

    private Await() {}

    static void until(Duration timeout, BooleanSupplier condition, String failure) {
        until(timeout, condition, () -> failure);
    }

    static void until(Duration timeout, BooleanSupplier condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get() + " (within " + timeout.toMillis() + " ms)");
            }
            try {
                Thread.sleep(POLL_MILLIS); // polling interval; the deadline decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    static <T> T result(CompletionStage<T> stage, Duration timeout) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no result within " + timeout.toMillis() + " ms: " + e, e);
        }
    }
}
