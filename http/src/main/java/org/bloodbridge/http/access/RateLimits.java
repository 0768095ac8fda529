package org.bloodbridge.http.access;

import com.typesafe.config.Config;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Abuse limits (api-v1 "Access"): a token bucket per subject for calls, where a call costs 1 and a
 * batch, search page or import line counts by its size; and one per client address for failed
 * sign-ins (401s), checked before a token is even verified.
 */
public final class RateLimits {
    /** Buckets kept before all are forgotten (a flood of new addresses must not exhaust memory). */
    private static final int MAX_BUCKETS = 100_000;

    private final Settings settings;
    private final Map<String, Bucket> subjects = new ConcurrentHashMap<>();
    private final Map<String, Bucket> clients = new ConcurrentHashMap<>();

    /**
     * @param callsPerMinute what one subject may spend per minute (and at once)
     * @param failedSignInsPerMinute 401s one client address may cause per minute before it gets 429
     */
    public record Settings(long callsPerMinute, long failedSignInsPerMinute) {
        public Settings {
            if (callsPerMinute < 1 || failedSignInsPerMinute < 1) {
                throw new IllegalArgumentException("bloodbridge.access.rate-limits must be at least 1 per minute");
            }
        }

        public static Settings from(Config config) {
            Config c = config.getConfig("bloodbridge.access.rate-limits");
            return new Settings(c.getLong("calls-per-minute"), c.getLong("failed-sign-ins-per-minute"));
        }
    }

    public RateLimits(Settings settings) {
        this.settings = settings;
    }

    /** Spends {@code cost} of {@code subject}'s allowance. @throws RateLimited when it does not have that much */
    public void charge(String subject, long cost) {
        ConsumptionProbe probe = bucket(subjects, subject, settings.callsPerMinute())
                .tryConsumeAndReturnRemaining(Math.min(cost, settings.callsPerMinute()));
        if (!probe.isConsumed()) {
            throw new RateLimited(Duration.ofNanos(probe.getNanosToWaitForRefill()),
                    "too many calls by this user; retry later");
        }
    }

    /** @throws RateLimited when {@code client} has failed to sign in too often lately */
    public void checkSignInsFrom(String client) {
        Bucket bucket = clients.get(client);
        if (bucket != null && bucket.getAvailableTokens() < 1) {
            throw new RateLimited(Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()),
                    "too many failed sign-ins from this address; retry later");
        }
    }

    public void failedSignIn(String client) {
        bucket(clients, client, settings.failedSignInsPerMinute()).tryConsume(1);
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String key, long perMinute) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
    }

    /** 429 {@code rate_limited} with {@code Retry-After}. */
    public static final class RateLimited extends RuntimeException {
        private final Duration retryAfter;

        RateLimited(Duration retryAfter, String message) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }
}
