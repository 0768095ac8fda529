package org.bloodbridge.http.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The dev identity provider: a real Keycloak with the bloodbridge realm, and tokens from it. */
class DevIdentityProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long EIGHT_HOURS = 8 * 3600;

    private final DevIdentityProvider idp = TestIdentityProvider.shared();

    @Test
    void tokensCarryIssuerAudienceCentresAndRolesAndLastEightHours() throws Exception {
        JsonNode claims = claims(idp.tokens().accessToken("t-cd-coord", List.of("CD"), List.of("coordinator")));

        assertEquals("http://127.0.0.1:" + idp.port() + "/realms/bloodbridge", claims.path("iss").asText());
        assertEquals(idp.issuer().toString(), claims.path("iss").asText());
        assertTrue(strings(claims.path("aud")).contains("bloodbridge"), claims.toString());
        assertEquals(List.of("CD"), List.copyOf(strings(claims.path("centres"))));
        // No single-valued "centre" claim: for a user at several centres it would carry only one of them.
        assertTrue(claims.path("centre").isMissingNode(), claims.toString());
        assertEquals(Set.of("coordinator"), strings(claims.path("roles")));
        assertEquals("t-cd-coord", claims.path("preferred_username").asText());
        assertTrue(claims.path("exp").asLong() - claims.path("iat").asLong() >= EIGHT_HOURS, claims.toString());
    }

    @Test
    void aSecondCallForTheSameSubjectReflectsNewRolesAndCentres() throws Exception {
        JsonNode first = claims(idp.tokens().accessToken("t-cd-coord-2", List.of("CD"), List.of("coordinator")));
        JsonNode second = claims(idp.tokens().accessToken("t-cd-coord-2", List.of("CD", "CQ"), List.of("lab", "donor-site")));

        assertEquals(first.path("sub").asText(), second.path("sub").asText());
        assertEquals(Set.of("donor-site", "lab"), strings(second.path("roles")));
        assertEquals(Set.of("CD", "CQ"), strings(second.path("centres")));
    }

    @Test
    void theRealmsUsersSignInWithTheirNameAsPassword() throws Exception {
        JsonNode claims = claims(passwordGrant("cq-lab", "cq-lab"));

        assertEquals(List.of("CQ"), List.copyOf(strings(claims.path("centres"))));
        assertEquals(Set.of("lab"), strings(claims.path("roles")));
        assertTrue(strings(claims.path("aud")).contains("bloodbridge"), claims.toString());
    }

    @Test
    void theConsoleSignsInFromAnyLoopbackPortWithPkce() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        for (String redirect : List.of("http://127.0.0.1:54321/callback", "http://localhost:40123/")) {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(authorize(redirect, challenge)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), redirect + ": " + login.body());
        }
        for (String redirect : List.of("http://example.org/callback", "http://localhost:80@example.org/")) {
            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(authorize(redirect, challenge)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, elsewhere.statusCode(), redirect);
        }
        // PKCE is required: without a challenge Keycloak sends the browser back with an error.
        URI withoutPkce = URI.create(authorize("http://127.0.0.1:54321/callback", challenge).toString()
                .replaceAll("&code_challenge=[^&]*&code_challenge_method=S256", ""));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(withoutPkce).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, refused.statusCode());
        assertTrue(refused.headers().firstValue("Location").orElse("").contains("error=invalid_request"),
                refused.headers().map().toString());
    }

    @Test
    void theTokenCommandPrintsOnlyATokenAndRefusesAProductionProvider() throws Exception {
        Map<String, String> env = Map.of("BLOODBRIDGE_DATA_DIR", idp.dataDir().getParent().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TokenCommand.run(new String[] {"--centre", "cd", "--roles", "coordinator,donor-site"}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length);
        JsonNode claims = claims(lines[0]);
        assertEquals("dev-cd-coordinator-donor-site", claims.path("preferred_username").asText());
        assertEquals(Set.of("coordinator", "donor-site"), strings(claims.path("roles")));

        Map<String, String> production = Map.of("BLOODBRIDGE_DATA_DIR", env.get("BLOODBRIDGE_DATA_DIR"),
                TokenCommand.PRODUCTION_ISSUER_ENV, "https://id.example.org/realms/bloodbridge");
        ByteArrayOutputStream refusedOut = new ByteArrayOutputStream();
        assertEquals(1, TokenCommand.run(new String[] {"--centre", "CD", "--roles", "coordinator"}, production,
                new PrintStream(refusedOut, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())));
        assertEquals("", refusedOut.toString(StandardCharsets.UTF_8));
    }

    private URI authorize(String redirect, String challenge) {
        return URI.create(idp.issuer() + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + DevIdentityProvider.CONSOLE_CLIENT
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256&state=s1");
    }

    private String passwordGrant(String username, String password) throws Exception {
        String form = "grant_type=password&client_id=bloodbridge&username=" + username + "&password=" + password;
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(idp.issuer() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    /** The JWT's payload (its signature is the verifier's business, not this test's). */
    private static JsonNode claims(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, jwt);
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> values = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }
}
