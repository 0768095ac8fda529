package org.bloodbridge.http.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;
import org.bloodbridge.persistence.metrics.NodeMetrics;

/**
 * {@code GET /metrics} on the Pekko Management port (cluster.conf {@code pekko.management.http.routes}):
 * the node's meters in the Prometheus text format. The management port is the operator's, like
 * {@code /health/*} there: no sign-in, not for the API's network.
 */
public final class MetricsRoute implements ManagementRouteProvider {
    /** Prometheus text exposition format 0.0.4. */
    private static final ContentType.WithCharset TEXT = MediaTypes.TEXT_PLAIN.toContentType(HttpCharsets.UTF_8);

    private final NodeMetrics metrics;

    /** Instantiated by Pekko Management. */
    public MetricsRoute(ExtendedActorSystem system) {
        this.metrics = NodeMetrics.get(Adapter.toTyped(system));
    }

    @Override
    public Route routes(ManagementRouteProviderSettings settings) {
        return path("metrics", () -> get(() -> complete(HttpEntities.create(TEXT, metrics.scrape()))));
    }
}
