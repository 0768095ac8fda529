package org.bloodbridge.persistence.cassandra;

import java.nio.file.Path;

/**
 * A process that owns a test Cassandra, for {@link OwnerWatchdogTest}: it starts one in the data
 * directory given as the only argument, prints {@code cassandra-pid=<pid>} and waits to be killed.
 */
public final class CassandraOwnerMain {
    static final String PID_PREFIX = "cassandra-pid=";

    private CassandraOwnerMain() {}

    public static void main(String[] args) throws InterruptedException {
        DevCassandra cassandra = DevCassandra.start(DevCassandra.Settings.forTests(Path.of(args[0])));
        System.out.println(PID_PREFIX + cassandra.pid());
        cassandra.waitFor();
    }
}
