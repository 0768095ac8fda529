package org.bloodbridge.persistence.personaldata;

import com.typesafe.config.Config;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The deployment's key-encryption key ({@code bloodbridge.personal-data.key}, from
 * {@code BLOODBRIDGE_PII_KEY}: base64 of 32 random bytes). It wraps every donor's key in the
 * {@code donor_keys} table; it is never stored in Cassandra. Every node of a federation's cluster
 * needs the same one.
 */
public record DeploymentKey(SecretKey key, boolean devDefault) {
    /** The key shipped for development; a node using it logs a loud warning at start. */
    public static final String DEV_KEY = "Ymxvb2RicmlkZ2UtZGV2LXBpaS1rZXktbm90LXByb2Q=";
    static final String PATH = "bloodbridge.personal-data.key";

    public static DeploymentKey from(Config config) {
        return of(config.getString(PATH).trim());
    }

    public static DeploymentKey of(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("BLOODBRIDGE_PII_KEY (" + PATH + ") is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("BLOODBRIDGE_PII_KEY (" + PATH + ") must be base64 of 32 bytes, not "
                    + bytes.length + " (make one with: openssl rand -base64 32)");
        }
        return new DeploymentKey(new SecretKeySpec(bytes, "AES"), DEV_KEY.equals(base64));
    }

    /** Never the key. */
    @Override
    public String toString() {
        return devDefault ? "DeploymentKey[dev]" : "DeploymentKey[configured]";
    }
}
