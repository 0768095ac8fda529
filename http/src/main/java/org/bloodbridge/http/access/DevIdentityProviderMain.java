package org.bloodbridge.http.access;

import java.nio.file.Path;

/**
 * {@code bin/bloodbridge keycloak}: the dev identity provider in the foreground, on its own (the
 * way {@code bin/bloodbridge cassandra} runs a dev Cassandra). Ctrl-C or SIGTERM stops it (through
 * DevIdentityProvider's shutdown hook). While it runs, {@code bin/bloodbridge token} gets tokens
 * from it.
 *
 * <p>Environment: {@code BLOODBRIDGE_DATA_DIR} (default {@code ./data}; Keycloak uses its
 * {@code keycloak/} subdirectory), {@code BLOODBRIDGE_KEYCLOAK_PORT} (default: a free port). The
 * system property {@code bloodbridge.keycloak.runtime} points at the unpacked Keycloak.
 */
public final class DevIdentityProviderMain {
    /** kc.sh's status after it forwarded a SIGTERM to Keycloak: a clean stop. */
    private static final int SIGTERM_EXIT = 143;

    private DevIdentityProviderMain() {}

    public static void main(String[] args) throws InterruptedException {
        String data = System.getenv("BLOODBRIDGE_DATA_DIR");
        Path dataDir = Path.of(data == null || data.isBlank() ? "data" : data, DevIdentityProvider.NODE_SUBDIR)
                .toAbsolutePath().normalize();
        DevIdentityProvider idp;
        try {
            idp = DevIdentityProvider.start(DevIdentityProvider.Settings.forDev(dataDir));
        } catch (RuntimeException e) {
            System.err.println("Could not start Keycloak: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Keycloak ready: issuer " + idp.issuer() + " (pid " + idp.pid() + ", data in " + dataDir
                + "); admin console " + idp.baseUrl() + "/admin/ (" + DevIdentityProvider.DEV_ADMIN_USERNAME + "/"
                + DevIdentityProvider.DEV_ADMIN_PASSWORD + ")");
        // Returns when Keycloak exits: after Ctrl-C/SIGTERM (the JVM is then already shutting down)
        // or because Keycloak failed on its own.
        int exitCode = idp.waitFor();
        System.err.println("Keycloak stopped (exit code " + exitCode + "); log in " + idp.logFile());
        System.exit(exitCode == 0 || exitCode == SIGTERM_EXIT ? 0 : 1);
    }
}
