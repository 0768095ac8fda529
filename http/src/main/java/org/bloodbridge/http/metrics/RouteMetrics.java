package org.bloodbridge.http.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.mapRouteResultFuture;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Complete;
import org.apache.pekko.http.javadsl.server.Route;
import org.bloodbridge.http.access.Right;
import org.bloodbridge.http.access.Rights;

/**
 * Request latency per endpoint: {@code bloodbridge.http.requests} (seconds), tagged with the
 * endpoint's path template from the {@link Rights} table, the method and the status class (2xx ...).
 * Anything else (the console, unknown paths) is one {@code route="other"}: the tags stay bounded
 * whatever paths callers send. The timers are made once per template and status class.
 */
public final class RouteMetrics {
    static final String NAME = "bloodbridge.http.requests";
    /** Histogram buckets: from a cached read to a batch or an ask that times out. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};

    /** One endpoint: its template split in segments, and its timers by status class (index status / 100). */
    private final class Endpoint {
        final String method;
        final String template;
        final String[] segments;
        final Timer[] timers = new Timer[6];

        Endpoint(String method, String template) {
            this.method = method;
            this.template = template;
            this.segments = template.split("/");
        }

        boolean matches(String method, String[] path) {
            if (!this.method.equals(method) || segments.length != path.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!segments[i].startsWith("{") && !segments[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }

        Timer timer(int status) {
            int statusClass = status >= 100 && status < 600 ? status / 100 : 5;
            Timer timer = timers[statusClass];
            if (timer == null) { // a race makes the same timer twice: the registry returns the one it has
                timer = Timer.builder(NAME)
                        .description("HTTP requests by endpoint (path template), method and status class")
                        .tags("route", template, "method", method, "status", statusClass + "xx")
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry);
                timers[statusClass] = timer;
            }
            return timer;
        }
    }

    private final MeterRegistry registry;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Endpoint other;

    public RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Order as in Rights: /donors/search before /donors/{donorId}.
        for (Right right : Rights.PUBLIC) {
            endpoints.add(new Endpoint(right.method(), right.template()));
        }
        for (Right right : Rights.TABLE) {
            endpoints.add(new Endpoint(right.method(), right.template()));
        }
        this.other = new Endpoint("any", "other");
    }

    /** {@code inner}, timed from the request to its response (not to the end of a streamed body). */
    public Route timed(Supplier<Route> inner) {
        return extractRequest(request -> {
            long start = System.nanoTime();
            Endpoint endpoint = endpointOf(request.method().name(), request.getUri().path());
            return mapRouteResultFuture(result -> result.whenComplete((r, failure) -> endpoint
                    .timer(failure == null && r instanceof Complete c ? c.getResponse().status().intValue() : 500)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS)), inner);
        });
    }

    private Endpoint endpointOf(String method, String path) {
        String[] segments = path.split("/");
        for (Endpoint endpoint : endpoints) {
            if (endpoint.matches(method, segments)) {
                return endpoint;
            }
        }
        return other;
    }
}
