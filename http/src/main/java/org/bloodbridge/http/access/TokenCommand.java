package org.bloodbridge.http.access;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code bin/bloodbridge token --centre CD --roles coordinator,donor-site [--subject NAME]}: prints
 * an access token (and nothing else) from the dev identity provider of the node running on this data
 * directory, for a user with exactly these centres and roles (created or updated first). Exit status
 * 0 with the token on stdout; 1 with the reason on stderr (no dev provider running, or the node is
 * configured for a production provider); 2 for a usage error.
 */
public final class TokenCommand {
    /** Set when the node uses a production identity provider; then there is no dev provider to ask. */
    public static final String PRODUCTION_ISSUER_ENV = "BLOODBRIDGE_OIDC_ISSUER";
    static final String HELP = """
            usage: bin/bloodbridge token --centre CODE [--centre CODE ...] --roles ROLE[,ROLE...] [--subject NAME]

            Prints an access token (stdout, nothing else) from the dev identity provider (Keycloak) that
            bin/bloodbridge starts, valid for 10 hours, for the user NAME at the given centres with exactly
            the given roles; the user is created, or updated, first. Use it as
              curl -H "Authorization: Bearer $(bin/bloodbridge token --centre CD --roles coordinator)" ...

              --centre CODE   a centre code (CD, CQ); repeat it, or give CD,CQ, for several centres
              --roles ROLES   donor-site, lab, recruiter, coordinator, registry-admin, auditor (comma-separated,
                              may repeat)
              --subject NAME  the user name (preferred_username; a-z 0-9 . _ -), default
                              dev-<centres>-<roles>, for example dev-cd-coordinator-donor-site

            Environment: BLOODBRIDGE_DATA_DIR (./data): the node's data directory, where the running dev
            provider writes its issuer (keycloak/issuer). Refused when BLOODBRIDGE_OIDC_ISSUER is set (a
            production provider issues the tokens then).
            """;

    private TokenCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The command without System.exit, for tests: returns the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Set<String> centres = new LinkedHashSet<>();
        Set<String> roles = new LinkedHashSet<>();
        String subject = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(HELP);
                return 0;
            }
            if (i + 1 >= args.length || !List.of("--centre", "--roles", "--subject").contains(arg)) {
                err.println("unknown or incomplete argument: " + arg);
                err.print(HELP);
                return 2;
            }
            String value = args[++i];
            switch (arg) {
                case "--centre" -> centres.addAll(split(value, true));
                case "--roles" -> roles.addAll(split(value, false));
                default -> subject = value;
            }
        }
        if (centres.isEmpty() || roles.isEmpty()) {
            err.println("--centre and --roles are required");
            err.print(HELP);
            return 2;
        }
        String production = env.get(PRODUCTION_ISSUER_ENV);
        if (production != null && !production.isBlank()) {
            err.println("refused: " + PRODUCTION_ISSUER_ENV + " is set (" + production.trim() + "), so the node uses "
                    + "that identity provider and there is no dev provider to issue tokens; get a token from it");
            return 1;
        }
        Path dataDir = Path.of(Optional.ofNullable(env.get("BLOODBRIDGE_DATA_DIR")).filter(s -> !s.isBlank())
                .orElse("./data")).toAbsolutePath().normalize().resolve(DevIdentityProvider.NODE_SUBDIR);
        Optional<URI> issuer = DevIdentityProvider.issuerOf(dataDir);
        if (issuer.isEmpty()) {
            err.println("no dev identity provider is running for " + dataDir.getParent() + " (no "
                    + dataDir.resolve(DevIdentityProvider.ISSUER_FILE) + "): start the node with bin/bloodbridge "
                    + "first, with the same BLOODBRIDGE_DATA_DIR");
            return 1;
        }
        String name = subject != null ? subject : DevTokens.defaultSubject(centres, roles);
        try {
            out.println(DevTokens.forIssuer(issuer.get()).accessToken(name, List.copyOf(centres), List.copyOf(roles)));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("could not get a token from the dev identity provider at " + issuer.get() + ": " + e.getMessage());
            return 1;
        }
    }

    private static List<String> split(String value, boolean upperCase) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                parts.add(upperCase ? trimmed.toUpperCase(Locale.ROOT) : trimmed);
            }
        }
        return parts;
    }
}
