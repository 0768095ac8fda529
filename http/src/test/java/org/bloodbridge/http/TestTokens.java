package org.bloodbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bloodbridge.http.access.Role;
import org.bloodbridge.http.access.TestIdentityProvider;

/**
 * Access tokens for tests, from the real identity provider the way users get theirs (a user of
 * the dev realm and the password grant). Each token is fetched once per test JVM: they live 8 hours.
 */
final class TestTokens {
    /** Every centre any test configures. */
    static final List<String> CENTRES = List.of("CD", "CQ", "MY", "LZ", "YB", "NC");
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private TestTokens() {}

    /** A caller with every role at every test centre: for tests of behaviour, not of access. */
    static String federation() {
        List<String> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            roles.add(role.claim());
        }
        return of("t-federation", CENTRES, roles);
    }

    static String of(String subject, List<String> centres, List<String> roles) {
        return TOKENS.computeIfAbsent(subject + "|" + centres + "|" + roles,
                key -> TestIdentityProvider.token(subject, centres, roles));
    }

    /** The token's {@code sub}. */
    static String subjectOf(String token) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            JsonNode claims = Json.MAPPER.readTree(payload);
            return claims.get("sub").asText();
        } catch (Exception e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }
}
