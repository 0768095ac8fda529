package org.bloodbridge.engine.pool;

import java.time.Duration;
import java.util.Set;

/**
 * How centre pools run.
 *
 * @param rebuildRetry wait before reading the store again after a failed rebuild
 * @param warmParallelism once rebuilt, the pool asks its panel donors' records for their summaries,
 *     this many at a time (0: never), so that the first matches after a restart do not wait for
 *     those records to recover from Cassandra when they re-confirm candidates
 * @param silentCentres test only: pools of these centres never answer a match search (a dead pool, with the store still real)
 * @param ignoreChanges test only: pools index a donor once and ignore later changes (a pool that has not caught up)
 */
public record PoolSettings(Duration rebuildRetry, int warmParallelism, Set<String> silentCentres, boolean ignoreChanges) {
    public static final PoolSettings DEFAULT = new PoolSettings(Duration.ofSeconds(3), 4, Set.of(), false);
}
