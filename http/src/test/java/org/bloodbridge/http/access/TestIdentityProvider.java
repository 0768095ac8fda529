package org.bloodbridge.http.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One dev identity provider (Keycloak) per test JVM, shared by every test that needs tokens. It
 * starts on first use, on a free port with a temporary data directory, and is stopped and deleted
 * when the test JVM exits. If the test JVM is killed instead, the watchdog agent in the Keycloak JVM
 * stops Keycloak.
 *
 * <pre>{@code
 * String token = TestIdentityProvider.token("t-cd-coord", List.of("CD"), List.of("coordinator"));
 * URI issuer = TestIdentityProvider.shared().issuer();
 * }</pre>
 */
public final class TestIdentityProvider {
    private static DevIdentityProvider shared;

    private TestIdentityProvider() {}

    public static synchronized DevIdentityProvider shared() {
        if (shared == null) {
            // Laid out like a node's data directory (<dir>/keycloak), so bin/bloodbridge token finds it
            // with BLOODBRIDGE_DATA_DIR=<dir>.
            Path dataDir = createTempDir();
            DevIdentityProvider provider = DevIdentityProvider.start(
                    DevIdentityProvider.Settings.forTests(dataDir.resolve(DevIdentityProvider.NODE_SUBDIR)));
            // One hook for both steps, so the directory is deleted only after Keycloak has stopped.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                provider.close();
                deleteRecursively(dataDir);
            }, "test-keycloak-cleanup"));
            shared = provider;
        }
        return shared;
    }

    /** An access token from the shared provider for a user with exactly these centres and roles. */
    public static String token(String subject, Collection<String> centres, Collection<String> roles) {
        return shared().tokens().accessToken(subject, centres, roles);
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("bloodbridge-test-keycloak-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        // Files.walk does not follow the home's links into the shared distribution.
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
