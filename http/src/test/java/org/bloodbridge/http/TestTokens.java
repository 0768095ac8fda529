package org.bloodbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bloodbridge.http.access.DevIdentityProvider;
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

    /** A token of the same provider's master realm (another issuer), for its administrator. */
    static String otherIssuer() {
        return passwordGrant("master", "admin-cli", DevIdentityProvider.DEV_ADMIN_USERNAME, DevIdentityProvider.DEV_ADMIN_PASSWORD);
    }

    /** A token of our realm for {@code subject} (its password is its name), but for a client other than the API. */
    static String otherAudience(String subject) {
        return passwordGrant(DevIdentityProvider.REALM, "admin-cli", subject, subject);
    }

    private static String passwordGrant(String realm, String client, String username, String password) {
        URI endpoint = TestIdentityProvider.shared().baseUrl().resolve("/realms/" + realm + "/protocol/openid-connect/token");
        String form = "grant_type=password&client_id=" + client + "&username=" + encode(username) + "&password=" + encode(password);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("no token from " + endpoint + ": " + response.body());
            }
            return Json.MAPPER.readTree(response.body()).get("access_token").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
