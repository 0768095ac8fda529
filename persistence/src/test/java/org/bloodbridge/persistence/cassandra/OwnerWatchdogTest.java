package org.bloodbridge.persistence.cassandra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SIGKILLed owner must not leave its Cassandra running. */
class OwnerWatchdogTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    // The watchdog polls every 0.5 s, then Cassandra gets 10 s to shut down before it is halted.
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    @Test
    void cassandraStopsWhenItsOwnerIsKilled(@TempDir Path dir) throws Exception {
        Path ownerOutput = dir.resolve("owner.out");
        Process owner = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + DevCassandra.RUNTIME_PROPERTY + "=" + System.getProperty(DevCassandra.RUNTIME_PROPERTY),
                "-cp", System.getProperty("java.class.path"),
                CassandraOwnerMain.class.getName(),
                dir.resolve("cassandra").toString())
                .redirectErrorStream(true)
                .redirectOutput(ownerOutput.toFile())
                .start();
        owner.getOutputStream().close();
        OptionalLong cassandraPid = OptionalLong.empty();
        try {
            cassandraPid = OptionalLong.of(awaitCassandraPid(owner, ownerOutput));
            assertTrue(isRunning(cassandraPid.getAsLong()), "Cassandra should run before its owner is killed");

            owner.destroyForcibly(); // SIGKILL: the owner's shutdown hooks do not run
            assertTrue(owner.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS), "owner did not die");

            long deadline = System.nanoTime() + STOP_DEADLINE.toNanos();
            while (isRunning(cassandraPid.getAsLong()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(isRunning(cassandraPid.getAsLong()),
                    "Cassandra pid " + cassandraPid.getAsLong() + " outlived its owner by " + STOP_DEADLINE);
        } finally {
            stopQuietly(owner);
            cassandraPid.ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private static long awaitCassandraPid(Process owner, Path ownerOutput) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> pid = readPid(ownerOutput);
            if (pid.isPresent()) {
                return pid.get();
            }
            if (!owner.isAlive()) {
                fail("owner exited with " + owner.exitValue() + ":\n" + Files.readString(ownerOutput));
            }
            Thread.sleep(100);
        }
        return fail("owner did not report a Cassandra pid within " + START_DEADLINE + ":\n"
                + Files.readString(ownerOutput));
    }

    private static Optional<Long> readPid(Path ownerOutput) throws IOException {
        List<String> lines = Files.readAllLines(ownerOutput);
        return lines.stream()
                .filter(line -> line.startsWith(CassandraOwnerMain.PID_PREFIX))
                .map(line -> Long.parseLong(line.substring(CassandraOwnerMain.PID_PREFIX.length()).trim()))
                .findFirst();
    }

    /**
     * Alive and, on Linux, not a zombie: an orphan is reaped by pid 1, which in some containers
     * happens late or never, and a zombie holds no ports, files or memory.
     */
    private static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException e) {
            return true; // no /proc (not Linux), or it just exited: the next poll tells
        }
    }

    private static void stopQuietly(Process owner) throws InterruptedException {
        owner.destroy(); // SIGTERM: lets the owner's shutdown hook stop its Cassandra if it still runs
        if (!owner.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            owner.destroyForcibly();
        }
    }
}
