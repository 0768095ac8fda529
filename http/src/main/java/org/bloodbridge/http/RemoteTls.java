package org.bloodbridge.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node-to-node TLS ({@code bloodbridge.cluster.tls}): with a node keystore named
 * ({@code BLOODBRIDGE_REMOTE_KEYSTORE}) remoting runs over Artery {@code tls-tcp} with mutual
 * authentication, the settings in {@code pekko.remote.artery.ssl.config-ssl-engine} (cluster.conf);
 * without one it is plain {@code tcp} (development). {@code BLOODBRIDGE_REMOTE_TLS=on} makes the
 * stores mandatory, so a missing secret stops the node instead of leaving it on plain tcp.
 */
final class RemoteTls {
    private static final Logger log = LoggerFactory.getLogger(RemoteTls.class);

    private RemoteTls() {}

    /** {@code config} with {@code pekko.remote.artery.transport = tls-tcp} when the stores are configured. */
    static Config apply(Config config) {
        Config tls = config.getConfig("bloodbridge.cluster.tls");
        String keyStore = tls.getString("key-store").trim();
        String trustStore = tls.getString("trust-store").trim();
        if (keyStore.isEmpty()) {
            if (tls.getBoolean("required")) {
                throw new IllegalArgumentException("BLOODBRIDGE_REMOTE_TLS is on but BLOODBRIDGE_REMOTE_KEYSTORE "
                        + "(bloodbridge.cluster.tls.key-store) names no keystore");
            }
            return config;
        }
        if (trustStore.isEmpty()) {
            throw new IllegalArgumentException("BLOODBRIDGE_REMOTE_KEYSTORE is set but BLOODBRIDGE_REMOTE_TRUSTSTORE "
                    + "(the cluster CA) is not: nodes could not verify each other");
        }
        // Checked now: Pekko would only fail at the first connection, with a less telling message.
        KeyStore keys = ApiTls.load(Path.of(keyStore), tls.getString("key-store-password").toCharArray(),
                "BLOODBRIDGE_REMOTE_KEYSTORE (bloodbridge.cluster.tls.key-store) " + keyStore);
        KeyStore trusted = ApiTls.load(Path.of(trustStore), tls.getString("trust-store-password").toCharArray(),
                "BLOODBRIDGE_REMOTE_TRUSTSTORE (bloodbridge.cluster.tls.trust-store) " + trustStore);
        try {
            if (Collections.list(keys.aliases()).stream().noneMatch(alias -> isKey(keys, alias))) {
                throw new IllegalArgumentException("BLOODBRIDGE_REMOTE_KEYSTORE " + keyStore + " holds no private key");
            }
            if (trusted.size() == 0) {
                throw new IllegalArgumentException("BLOODBRIDGE_REMOTE_TRUSTSTORE " + trustStore + " holds no certificate");
            }
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        log.info("node-to-node TLS (Artery tls-tcp, mutual authentication) with the key of {}, trusting {}",
                keyStore, trustStore);
        return config.withValue("pekko.remote.artery.transport", ConfigValueFactory.fromAnyRef("tls-tcp"));
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (KeyStoreException e) {
            return false;
        }
    }
}
