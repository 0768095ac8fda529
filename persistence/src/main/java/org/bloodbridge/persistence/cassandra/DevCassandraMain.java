package org.bloodbridge.persistence.cassandra;

import java.nio.file.Path;

/**
 * {@code bin/bloodbridge cassandra}: one dev Cassandra in the foreground, for several local nodes
 * to share. Ctrl-C or SIGTERM stops it (through this JVM's one shutdown hook).
 *
 * <p>Environment: {@code BLOODBRIDGE_DATA_DIR} (default {@code ./data}; Cassandra uses its
 * {@code cassandra/} subdirectory), {@code BLOODBRIDGE_CASSANDRA_PORT} (CQL, default 9042) and
 * {@code BLOODBRIDGE_CASSANDRA_STORAGE_PORT} (internode, default 7000; another port lets a second
 * dev Cassandra, such as the benchmark suite's, run beside a developer's). The system
 * property {@code bloodbridge.cassandra.runtime} points at Cassandra's jars.
 */
public final class DevCassandraMain {
    private DevCassandraMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(env("BLOODBRIDGE_DATA_DIR", "data"), "cassandra").toAbsolutePath().normalize();
        int port = Integer.parseInt(env("BLOODBRIDGE_CASSANDRA_PORT", "9042"));
        int storagePort = Integer.parseInt(env("BLOODBRIDGE_CASSANDRA_STORAGE_PORT", "7000"));
        DevCassandra cassandra;
        try {
            cassandra = DevCassandra.start(DevCassandra.Settings.forDev(dataDir).withNativePort(port).withStoragePort(storagePort));
        } catch (RuntimeException e) {
            System.err.println("Could not start Cassandra: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(cassandra::close, "dev-cassandra-stop"));
        System.out.println("Cassandra ready on " + cassandra.contactPoint() + " (data in " + dataDir + ")");
        // Returns when Cassandra exits: after Ctrl-C/SIGTERM (the JVM is then already shutting down)
        // or because Cassandra failed on its own.
        int exitCode = cassandra.waitFor();
        System.err.println("Cassandra stopped (exit code " + exitCode + "); logs in " + dataDir.resolve("logs"));
        System.exit(exitCode == 0 ? 0 : 1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
