package org.bloodbridge.http.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token verification against a provider's discovery document and JWKS served over real HTTP from
 * this test (a fast check of every refusal; the HTTP tests use the real identity provider).
 */
class TokenVerifierTest {
    private HttpServer provider;
    private String issuer;
    private RSAKey key;
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private TokenVerifier verifier;

    @BeforeEach
    void startProvider() throws Exception {
        key = newKey("k1");
        published.set(new JWKSet(key.toPublicJWK()));
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/test";
        provider.createContext("/realms/test/.well-known/openid-configuration", exchange -> respond(exchange,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\"}"));
        provider.createContext("/realms/test/certs", exchange -> respond(exchange, published.get().toString()));
        provider.start();
        verifier = new TokenVerifier(new AccessSettings(issuer, "bloodbridge", "centre", "centres", "roles",
                Duration.ofSeconds(30), 100, Duration.ofMinutes(5)));
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    @Test
    void readsTheCallerOfAGoodToken() throws Exception {
        Caller caller = verifier.verify(token(key, c -> c));
        assertEquals("user-1", caller.subject());
        assertEquals("cd-coordinator", caller.username());
        assertEquals(List.of("CD"), caller.centres());
        assertEquals(Set.of(Role.COORDINATOR, Role.DONOR_SITE), caller.roles());
    }

    @Test
    void readsSeveralCentresAndIgnoresRolesThatAreNotOurs() throws Exception {
        Caller caller = verifier.verify(token(key, c -> c.claim("centre", null).claim("centres", List.of("CD", "CQ"))
                .claim("roles", List.of("lab", "offline_access"))));
        assertEquals(List.of("CD", "CQ"), caller.centres());
        assertEquals(Set.of(Role.LAB), caller.roles());
    }

    @Test
    void refusesExpiredNotYetValidWrongIssuerWrongAudienceAndMalformedTokens() throws Exception {
        Instant now = Instant.now();
        List<String> bad = List.of(
                token(key, c -> c.expirationTime(Date.from(now.minusSeconds(120)))),
                token(key, c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))),
                token(key, c -> c.issuer("http://127.0.0.1:1/realms/other")),
                token(key, c -> c.audience("someone-else")),
                token(key, c -> c.subject(null)),
                "not.a.token",
                "");
        for (String token : bad) {
            assertThrows(TokenVerifier.InvalidToken.class, () -> verifier.verify(token), token);
        }
    }

    @Test
    void refusesATokenSignedWithAnotherKeyOfTheSameId() throws Exception {
        RSAKey impostor = newKey("k1");
        assertThrows(TokenVerifier.InvalidToken.class, () -> verifier.verify(token(impostor, c -> c)));
    }

    @Test
    void fetchesTheKeysAgainWhenATokenNamesANewKey() throws Exception {
        verifier.verify(token(key, c -> c)); // the JWKS with k1 is now cached
        RSAKey rotated = newKey("k2");
        published.set(new JWKSet(List.of(key.toPublicJWK(), rotated.toPublicJWK())));
        assertEquals("user-1", verifier.verify(token(rotated, c -> c)).subject());
    }

    @Test
    void aProviderThatDoesNotAnswerIsUnavailableNotAnInvalidToken() throws Exception {
        String token = token(key, c -> c);
        provider.stop(0);
        assertThrows(TokenVerifier.ProviderUnavailable.class, () -> verifier.verify(token));
    }

    @Test
    void aVerifiedTokenIsAnsweredFromMemoryUntilItExpiresAndNoLonger() throws Exception {
        Instant exp = Instant.now().plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = token(key, c -> c.expirationTime(Date.from(exp)));
        SettableClock clock = new SettableClock(Instant.now());
        TokenVerifier remembering = new TokenVerifier(new AccessSettings(issuer, "bloodbridge", "centre", "centres",
                "roles", Duration.ofSeconds(30), 100, Duration.ofMinutes(5)), clock);
        assertTrue(remembering.cached(token).isEmpty(), "nothing is known before a full check");
        remembering.verify(token);
        provider.stop(0); // from here on only memory can answer
        assertEquals("user-1", remembering.cached(token).orElseThrow().subject());
        clock.set(exp.minusMillis(1));
        assertTrue(remembering.cached(token).isPresent());
        clock.set(exp);
        assertTrue(remembering.cached(token).isEmpty(), "an expired token is never answered from memory");
    }

    @Test
    void aVerifiedTokenIsKeptAtMostTheMaximumAgeAndARefusedOneNotAtAll() throws Exception {
        String token = token(key, c -> c); // expires in 300 s
        SettableClock clock = new SettableClock(Instant.now());
        TokenVerifier remembering = new TokenVerifier(new AccessSettings(issuer, "bloodbridge", "centre", "centres",
                "roles", Duration.ofSeconds(30), 100, Duration.ofSeconds(60)), clock);
        remembering.verify(token);
        clock.set(clock.instant().plusSeconds(59));
        assertTrue(remembering.cached(token).isPresent());
        clock.set(clock.instant().plusSeconds(1));
        assertTrue(remembering.cached(token).isEmpty(), "kept no longer than max-age, so a withdrawn key stops working");

        String forged = token(newKey("k1"), c -> c);
        assertThrows(TokenVerifier.InvalidToken.class, () -> remembering.verify(forged));
        assertTrue(remembering.cached(forged).isEmpty());
    }

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private String token(RSAKey signer, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(List.of("bloodbridge", "account")).subject("user-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", "cd-coordinator").claim("centre", "CD")
                .claim("roles", List.of("coordinator", "donor-site"));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                change.apply(claims).build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static RSAKey newKey(String id) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(id).generate();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
