package org.bloodbridge.http;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.bloodbridge.engine.Centre;
import org.bloodbridge.engine.pool.PoolSettings;

/** The {@code bloodbridge} section of the configuration, read once at start. */
public record ServerSettings(
        String httpHost,
        int httpPort,
        Path dataDir,
        ZoneId zone,
        String federationSecret,
        List<String> cassandraContactPoints,
        Duration askTimeout,
        int batchMaxChecks,
        int batchParallelism,
        ImportSettings importSettings,
        List<Centre> centres,
        Path imgtHlaDir,
        List<String> rarePatterns,
        PoolSettings pools,
        Duration poolKeepAlive,
        Duration requestPassivateAfterIdle) {

    /** The secret shipped for development; a server using it logs a warning at start. */
    public static final String DEV_SECRET = "bloodbridge-dev-secret-do-not-use-in-production";

    public static ServerSettings from(Config root) {
        Config c = root.getConfig("bloodbridge");
        String contactPoints = c.getString("cassandra.contact-points").trim();
        return new ServerSettings(
                c.getString("http.host"),
                c.getInt("http.port"),
                Path.of(c.getString("data-dir")).toAbsolutePath().normalize(),
                ZoneId.of(c.getString("zone")),
                c.getString("identity.secret"),
                contactPoints.isEmpty() ? List.of() : List.of(contactPoints.split("\\s*,\\s*")),
                c.getDuration("ask-timeout"),
                c.getInt("eligibility.batch.max-checks"),
                c.getInt("eligibility.batch.parallelism"),
                new ImportSettings(c.getInt("import.parallelism"), c.getBytes("import.max-line-length").intValue(),
                        c.getBytes("import.max-bytes"), c.getDuration("import.request-timeout")),
                c.getConfigList("centres").stream()
                        .map(centre -> new Centre(centre.getString("code"), centre.getString("name"), centre.getString("region")))
                        .toList(),
                c.getString("typing.imgt-hla-dir").isBlank() ? null : Path.of(c.getString("typing.imgt-hla-dir")),
                c.getStringList("typing.rare-patterns"),
                new PoolSettings(c.getDuration("pool.rebuild-retry"), c.getInt("pool.warm-parallelism"),
                        Set.copyOf(c.getStringList("pool.test-only.silent-centres")),
                        c.getBoolean("pool.test-only.ignore-changes")),
                c.getDuration("pool.keep-alive"),
                c.getDuration("match-requests.passivate-after-idle"));
    }

    public List<String> centreCodes() {
        return centres.stream().map(Centre::code).toList();
    }

    /** {@code bloodbridge.import}: how a bulk import is read and how many of its lines are in flight at once. */
    public record ImportSettings(int parallelism, int maxLineLength, long maxBytes, Duration requestTimeout) {}

    public boolean usesDevSecret() {
        return DEV_SECRET.equals(federationSecret);
    }
}
