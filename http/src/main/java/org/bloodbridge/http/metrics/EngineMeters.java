package org.bloodbridge.http.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bloodbridge.engine.EngineMetrics;

/**
 * The engine's reports as meters: the pools this node runs ({@code bloodbridge.pool.*}, removed
 * when a pool stops here, so a pool moved to another node is reported by that node only) and the
 * match searches' fan-out to the centres and the match requests in memory ({@code bloodbridge.match.*}).
 */
public final class EngineMeters implements EngineMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    /** One pool's gauges' values and the gauges, removed with the pool. */
    private record Pool(AtomicInteger ready, AtomicInteger donors, Gauge readyGauge, Gauge donorsGauge) {}

    private final MeterRegistry registry;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Map<String, Timer> answers = new ConcurrentHashMap<>();
    private final Map<String, Counter> missing = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public EngineMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("bloodbridge.match.requests.in.memory", requests, AtomicInteger::get)
                .description("Match request entities in memory on this node").register(registry);
    }

    @Override
    public void requestStarted() {
        requests.incrementAndGet();
    }

    @Override
    public void requestStopped() {
        requests.decrementAndGet();
    }

    private Pool pool(String centre) {
        return pools.computeIfAbsent(centre, c -> {
            AtomicInteger ready = new AtomicInteger();
            AtomicInteger donors = new AtomicInteger();
            return new Pool(ready, donors,
                    Gauge.builder("bloodbridge.pool.ready", ready, AtomicInteger::get).tag("centre", c)
                            .description("1 when the centre's pool on this node is rebuilt and answers matches, 0 while it rebuilds")
                            .register(registry),
                    Gauge.builder("bloodbridge.pool.donors", donors, AtomicInteger::get).tag("centre", c)
                            .description("Donors in the centre's pool index on this node").register(registry));
        });
    }

    @Override
    public void poolRebuilding(String centre) {
        pool(centre).ready().set(0);
        Counter.builder("bloodbridge.pool.rebuilds").tag("centre", centre)
                .description("Rebuilds of the centre's pool from the read side started on this node")
                .register(registry).increment();
    }

    @Override
    public void poolReady(String centre, long nanos) {
        pool(centre).ready().set(1);
        Timer.builder("bloodbridge.pool.rebuild.duration").tag("centre", centre)
                .description("How long the centre's pool took to rebuild from the read side")
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void poolSize(String centre, int donors) {
        pool(centre).donors().set(donors);
    }

    @Override
    public void poolStopped(String centre) {
        Pool pool = pools.remove(centre);
        if (pool != null) {
            registry.remove(pool.readyGauge());
            registry.remove(pool.donorsGauge());
        }
    }

    @Override
    public void poolAnswered(String centre, long nanos) {
        answers.computeIfAbsent(centre, c -> Timer.builder("bloodbridge.match.pool.answer").tag("centre", c)
                        .description("Time from a match search's fan-out to the centre pool's answer")
                        .serviceLevelObjectives(BUCKETS).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void centreMissing(String centre) {
        missing.computeIfAbsent(centre, c -> Counter.builder("bloodbridge.match.centres.missing").tag("centre", c)
                        .description("Match searches that reported the centre missing").register(registry))
                .increment();
    }
}
