package org.bloodbridge.persistence.metrics;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.stream.connectors.cassandra.CqlSessionProvider;
import org.apache.pekko.stream.connectors.cassandra.DriverConfigLoaderFromConfig;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * The sessions of the journal, the read side and the health check (their {@code session-provider},
 * persistence.conf): built as the plugins' default provider builds them, from the
 * {@code datastax-java-driver} config, but with the node's meter registry ({@link NodeMetrics}),
 * where the driver's Micrometer metrics factory records requests, timeouts and connections.
 * Each session is named by its block's {@code metrics-session-name} (the {@code session} tag).
 * Contact points come from the config: service discovery of contact points is not supported here.
 */
public final class MeteredSessionProvider implements CqlSessionProvider {
    private final ActorSystem system;
    private final Config config;

    /** Instantiated by the Cassandra connector with the classic system and the session's config block. */
    public MeteredSessionProvider(ActorSystem system, Config config) {
        this.system = system;
        this.config = config;
    }

    @Override
    public Future<CqlSession> connect(ExecutionContext ec) {
        if (!config.getString("service-discovery.name").isEmpty()) {
            throw new IllegalArgumentException("MeteredSessionProvider takes contact points from the config, "
                    + "not from service discovery (service-discovery.name is set)");
        }
        Config driverConfig = CqlSessionProvider.driverConfig(system, config);
        if (config.hasPath("metrics-session-name")) {
            driverConfig = driverConfig.withValue("basic.session-name",
                    ConfigValueFactory.fromAnyRef(config.getString("metrics-session-name")));
        }
        return FutureConverters.asScala(CqlSession.builder()
                .withConfigLoader(DriverConfigLoaderFromConfig.fromConfig(driverConfig))
                .withMetricRegistry(NodeMetrics.get(Adapter.toTyped(system)).registry())
                .buildAsync());
    }
}
