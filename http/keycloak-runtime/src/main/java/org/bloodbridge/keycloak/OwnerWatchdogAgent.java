package org.bloodbridge.keycloak;

/**
 * A Java agent that stops the JVM it runs in once the process that owns it is gone.
 *
 * <p>This is the watchdog of {@code org.bloodbridge.cassandra.OwnedCassandra} (the dev Cassandra),
 * for a JVM whose main class is not ours: Keycloak's launcher starts Quarkus' entry point, so the
 * watchdog comes in as {@code -javaagent:keycloak-runtime.jar=<owner pid>}. A daemon thread polls
 * the owner's pid every 0.5 s; when the owner has ended, however it ended (a clean stop, a crash,
 * SIGKILL), it calls {@code System.exit(0)}, which runs Keycloak's graceful shutdown, and halts the
 * JVM if that has not finished within 10 s.
 */
public final class OwnerWatchdogAgent {
    private static final long POLL_MILLIS = 500;
    private static final long HALT_AFTER_MILLIS = 10_000;

    private OwnerWatchdogAgent() {}

    public static void premain(String args) {
        if (args == null || args.isBlank()) {
            System.err.println("OwnerWatchdogAgent: no owner pid given (-javaagent:keycloak-runtime.jar=<pid>); "
                    + "refusing to start an unowned process");
            System.exit(2);
        }
        long ownerPid = Long.parseLong(args.trim());
        Thread watchdog = new Thread(() -> watch(ownerPid), "owner-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void watch(long ownerPid) {
        while (ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
        System.err.println("owner process " + ownerPid + " is gone; stopping");
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MILLIS);
            } catch (InterruptedException ignored) {
                // fall through to halt
            }
            Runtime.getRuntime().halt(1);
        }, "owner-watchdog-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(0);
    }
}
