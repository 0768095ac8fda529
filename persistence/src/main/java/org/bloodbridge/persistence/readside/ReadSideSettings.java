package org.bloodbridge.persistence.readside;

import com.typesafe.config.Config;

/**
 * The {@code bloodbridge.readside} section of the configuration (see persistence.conf).
 *
 * @param autocreate whether the node creates the keyspaces and tables ({@code bloodbridge.cassandra.autocreate})
 */
public record ReadSideSettings(String keyspace, String sessionConfigPath, String profile, int loadPageSize,
                               int listingPageSize, boolean autocreate) {
    public ReadSideSettings {
        if (!keyspace.matches("[a-zA-Z][a-zA-Z0-9_]{0,47}")) {
            throw new IllegalArgumentException("bloodbridge.readside.keyspace is not a Cassandra keyspace name: " + keyspace);
        }
        if (loadPageSize < 1 || listingPageSize < 1) {
            throw new IllegalArgumentException("bloodbridge.readside page sizes must be at least 1");
        }
    }

    public static ReadSideSettings from(Config config) {
        Config c = config.getConfig("bloodbridge.readside");
        return new ReadSideSettings(
                c.getString("keyspace"),
                c.getString("session-config-path"),
                c.getString("profile"),
                c.getInt("load-page-size"),
                c.getInt("listing-page-size"),
                config.getBoolean("bloodbridge.cassandra.autocreate"));
    }

    public ReadSideSettings withLoadPageSize(int size) {
        return new ReadSideSettings(keyspace, sessionConfigPath, profile, size, listingPageSize, autocreate);
    }

    public ReadSideSettings withListingPageSize(int size) {
        return new ReadSideSettings(keyspace, sessionConfigPath, profile, loadPageSize, size, autocreate);
    }
}
