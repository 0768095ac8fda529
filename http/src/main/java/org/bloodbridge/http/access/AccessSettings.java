package org.bloodbridge.http.access;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code bloodbridge.access} (application.conf): which identity provider's tokens the node accepts
 * and where in them it finds the caller's centre(s) and roles.
 *
 * @param issuer the provider's issuer URL; its discovery document names the signing keys
 * @param audience the {@code aud} a token must carry
 */
public record AccessSettings(String issuer, String audience, String centreClaim, String centresClaim, String rolesClaim,
                             Duration clockSkew) {
    public AccessSettings {
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("bloodbridge.access.issuer (BLOODBRIDGE_OIDC_ISSUER) is not set");
        }
        if (audience.isBlank()) {
            throw new IllegalArgumentException("bloodbridge.access.audience (BLOODBRIDGE_OIDC_AUDIENCE) is not set");
        }
        issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    public static AccessSettings from(Config config) {
        Config c = config.getConfig("bloodbridge.access");
        return new AccessSettings(c.getString("issuer"), c.getString("audience"), c.getString("claims.centre"),
                c.getString("claims.centres"), c.getString("claims.roles"), c.getDuration("clock-skew"));
    }
}
