package org.bloodbridge.http.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies an access token of the configured OpenID Connect provider: signature (a key of the
 * provider's JWKS, found through its discovery document), {@code iss}, {@code aud}, {@code exp} and
 * {@code nbf}, then reads the caller from its claims. The JWKS is cached and fetched again when a
 * token names a key it does not hold (the provider rotated its keys). May block on the first call
 * and on a key rotation: call it on a dispatcher meant for blocking work.
 *
 * <p>A token that verified is kept, by its exact text, until its {@code exp} (and at most
 * {@link AccessSettings#verifiedTokenMaxAge()}): {@link #cached} answers a caller's further calls
 * without I/O or a signature check, on the calling thread. A token's claims cannot change without
 * changing its text, so the answer is the one a full check would give until it expires.
 */
public final class TokenVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final AccessSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock;
    private final Cache<String, Verified> verified;
    private volatile ConfigurableJWTProcessor<SecurityContext> processor;

    private record Verified(Caller caller, Instant until) {}

    public TokenVerifier(AccessSettings settings) {
        this(settings, Clock.systemUTC());
    }

    TokenVerifier(AccessSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(settings.verifiedTokens())
                .expireAfterWrite(settings.verifiedTokenMaxAge()).build();
    }

    /** The caller of {@code token} if it verified before and has not expired since; never blocks. */
    public Optional<Caller> cached(String token) {
        Verified v = verified.getIfPresent(token);
        if (v == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(v.until())) {
            verified.invalidate(token);
            return Optional.empty();
        }
        return Optional.of(v.caller());
    }

    /** The token's caller. @throws InvalidToken when the token does not verify (the reason is for the log, not the client) */
    public Caller verify(String token) {
        Optional<Caller> known = cached(token);
        if (known.isPresent()) {
            return known.get();
        }
        JWTClaimsSet claims;
        try {
            claims = processor().process(token, null);
        } catch (InvalidToken | ProviderUnavailable e) {
            throw e;
        } catch (KeySourceException e) {
            throw new ProviderUnavailable("the identity provider's keys could not be read: " + e.getMessage());
        } catch (Exception e) {
            throw new InvalidToken(e.getMessage());
        }
        Caller caller = callerOf(claims);
        Instant until = clock.instant().plus(settings.verifiedTokenMaxAge());
        Date exp = claims.getExpirationTime(); // required, so never null here
        if (exp.toInstant().isBefore(until)) {
            until = exp.toInstant();
        }
        verified.put(token, new Verified(caller, until));
        return caller;
    }

    private Caller callerOf(JWTClaimsSet claims) {
        Set<String> centres = new LinkedHashSet<>(strings(claims.getClaim(settings.centreClaim())));
        centres.addAll(strings(claims.getClaim(settings.centresClaim())));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : strings(claims.getClaim(settings.rolesClaim()))) {
            Role.ofClaim(name).ifPresent(roles::add);
        }
        Object username = claims.getClaim("preferred_username");
        return new Caller(claims.getSubject(), username instanceof String s ? s : null, List.copyOf(centres), roles);
    }

    /** A claim that is one string or a list of strings. */
    private static List<String> strings(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof String s) {
            values.add(s);
        } else if (claim instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    values.add(s);
                }
            }
        }
        return values;
    }

    /** Built on first use from the provider's discovery document; tried again on the next call when the provider was down. */
    private ConfigurableJWTProcessor<SecurityContext> processor() {
        ConfigurableJWTProcessor<SecurityContext> p = processor;
        if (p == null) {
            synchronized (this) {
                p = processor;
                if (p == null) {
                    p = build(discover());
                    processor = p;
                }
            }
        }
        return p;
    }

    private ConfigurableJWTProcessor<SecurityContext> build(URI jwksUri) {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(jwksUri.toURL()).retrying(true).build();
            DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
            p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
                    new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("sub", "exp"));
            claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
            p.setJWTClaimsSetVerifier(claims);
            return p;
        } catch (IOException e) {
            throw new ProviderUnavailable("the identity provider's jwks_uri is not a URL: " + jwksUri);
        }
    }

    /** The provider's {@code jwks_uri}, from {@code <issuer>/.well-known/openid-configuration}, whose issuer must be ours. */
    private URI discover() {
        URI discovery = URI.create(settings.issuer() + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ProviderUnavailable("the identity provider answered " + response.statusCode() + " at " + discovery);
            }
            JsonNode document = JSON.readTree(response.body());
            if (!settings.issuer().equals(document.path("issuer").asText())) {
                throw new ProviderUnavailable("the identity provider at " + discovery + " names issuer "
                        + document.path("issuer").asText() + ", not " + settings.issuer());
            }
            return URI.create(document.path("jwks_uri").asText());
        } catch (IOException e) {
            throw new ProviderUnavailable("the identity provider did not answer at " + discovery + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("interrupted while asking the identity provider");
        }
    }

    /** The token failed verification. */
    public static final class InvalidToken extends RuntimeException {
        InvalidToken(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The provider's discovery document or keys could not be read: 503, not the caller's fault. */
    public static final class ProviderUnavailable extends RuntimeException {
        ProviderUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
