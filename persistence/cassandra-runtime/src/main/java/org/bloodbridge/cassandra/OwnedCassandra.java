package org.bloodbridge.cassandra;

import org.apache.cassandra.service.CassandraDaemon;

/**
 * Runs Cassandra in this JVM for as long as the owning process lives.
 *
 * <p>The owner passes its pid as {@code -Dbloodbridge.owner.pid}. A daemon thread waits for that
 * process to end, however it ends (a clean stop, a crash, SIGKILL), and then stops Cassandra, so a
 * dev or test Cassandra can never be left running. Polling is used as well as
 * {@code ProcessHandle.onExit()} because onExit of a non-child process is itself implemented by
 * polling on some platforms; the poll keeps the bound explicit.
 */
public final class OwnedCassandra {
    private OwnedCassandra() {}

    public static void main(String[] args) {
        String owner = System.getProperty("bloodbridge.owner.pid");
        if (owner == null) {
            System.err.println("bloodbridge.owner.pid is not set; refusing to start an unowned Cassandra");
            System.exit(2);
        }
        long ownerPid = Long.parseLong(owner);
        Thread watchdog = new Thread(() -> watch(ownerPid), "owner-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        CassandraDaemon.main(args);
    }

    private static void watch(long ownerPid) {
        while (true) {
            boolean alive = ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                System.err.println("owner process " + ownerPid + " is gone; stopping Cassandra");
                // Graceful shutdown hooks get 10 s; after that the JVM is halted.
                Thread halter = new Thread(() -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException ignored) {
                        // fall through to halt
                    }
                    Runtime.getRuntime().halt(1);
                }, "owner-watchdog-halt");
                halter.setDaemon(true);
                halter.start();
                System.exit(0);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
