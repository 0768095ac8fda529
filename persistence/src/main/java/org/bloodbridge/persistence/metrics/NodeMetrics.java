package org.bloodbridge.persistence.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The node's meters, one Prometheus registry per actor system (a test JVM may run several nodes):
 * the JVM's, the Cassandra driver's ({@link MeteredSessionProvider}), the read side's, the
 * engine's and the HTTP routes'. Scraped at {@code GET /metrics} on the management port.
 */
public final class NodeMetrics implements Extension {
    public static final ExtensionId<NodeMetrics> ID = new ExtensionId<>() {
        @Override
        public NodeMetrics createExtension(ActorSystem<?> system) {
            return new NodeMetrics(system);
        }
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, ProjectionMeters> projections = new ConcurrentHashMap<>();

    private NodeMetrics(ActorSystem<?> system) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        // The GC binder listens to the JVM's notifications until closed.
        system.getWhenTerminated().thenRun(() -> {
            gc.close();
            registry.close();
        });
    }

    public static NodeMetrics get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * One projection instance's meters: the age of the last event it handled when it handled it
     * (0 once it stops here), and the events handled (a projection restarted or moved here adds to them).
     */
    public record ProjectionMeters(AtomicLong lagMillis, Counter events) {
        public void handled(long eventTimestampMillis) {
            lagMillis.set(Math.max(0, System.currentTimeMillis() - eventTimestampMillis));
            events.increment();
        }

        /** Not running here any more: no lag to report. */
        public void stopped() {
            lagMillis.set(0);
        }
    }

    public ProjectionMeters projection(String name, String tag) {
        return projections.computeIfAbsent(name + "\u0000" + tag, key -> {
            Tags tags = Tags.of("projection", name, "tag", tag);
            AtomicLong lag = new AtomicLong();
            TimeGauge.builder("bloodbridge.projection.lag", lag, TimeUnit.MILLISECONDS, AtomicLong::get).tags(tags)
                    .description("Age of the last event the projection handled, when it handled it").register(registry);
            return new ProjectionMeters(lag, Counter.builder("bloodbridge.projection.events").tags(tags)
                    .description("Events the projection handled").register(registry));
        });
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }
}
