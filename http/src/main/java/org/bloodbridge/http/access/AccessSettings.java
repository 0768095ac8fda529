package org.bloodbridge.http.access;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code bloodbridge.access} (application.conf): which identity provider's tokens the node accepts
 * and where in them it finds the caller's centre(s) and roles.
 *
 * @param issuer the provider's issuer URL; its discovery document names the signing keys
 * @param audience the {@code aud} a token must carry
 * @param verifiedTokens how many verified tokens are kept so that their next calls skip the signature check
 * @param verifiedTokenMaxAge how long a verified token is kept at most (also never past its {@code exp}): the delay
 *     before a key the provider withdrew stops being honoured for tokens already seen
 */
public record AccessSettings(String issuer, String audience, String centreClaim, String centresClaim, String rolesClaim,
                             Duration clockSkew, long verifiedTokens, Duration verifiedTokenMaxAge) {
    public AccessSettings {
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("bloodbridge.access.issuer (BLOODBRIDGE_OIDC_ISSUER) is not set");
        }
        if (audience.isBlank()) {
            throw new IllegalArgumentException("bloodbridge.access.audience (BLOODBRIDGE_OIDC_AUDIENCE) is not set");
        }
        if (verifiedTokens < 0 || verifiedTokenMaxAge.isNegative()) {
            throw new IllegalArgumentException("bloodbridge.access.verified-tokens must not be negative");
        }
        issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    public static AccessSettings from(Config config) {
        Config c = config.getConfig("bloodbridge.access");
        return new AccessSettings(c.getString("issuer"), c.getString("audience"), c.getString("claims.centre"),
                c.getString("claims.centres"), c.getString("claims.roles"), c.getDuration("clock-skew"),
                c.getLong("verified-tokens.max-count"), c.getDuration("verified-tokens.max-age"));
    }
}
