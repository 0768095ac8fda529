package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the TLS settings switch on, and how a node refuses unusable stores before it starts. */
class TlsSettingsTest {
    @TempDir
    static Path dir;
    private static Path keyStore;
    private static Path trustStore;

    @BeforeAll
    static void stores() {
        var certificates = new TestCertificates(dir);
        Path ca = certificates.ca("settings");
        trustStore = certificates.trustStore(ca, "settings-truststore");
        keyStore = certificates.node("settings-node", "CN=bloodbridge node", ca);
    }

    private static Config config(Map<String, String> settings) {
        // As the variables come in: before application.conf's substitutions are resolved.
        return ConfigFactory.load(ConfigFactory.parseMap(settings).withFallback(ConfigFactory.defaultApplication()));
    }

    private static Config remote(String keyStorePassword) {
        return config(Map.of(
                "bloodbridge.cluster.tls.key-store", keyStore.toString(),
                "bloodbridge.cluster.tls.key-store-password", keyStorePassword,
                "bloodbridge.cluster.tls.trust-store", trustStore.toString(),
                "bloodbridge.cluster.tls.trust-store-password", TestCertificates.PASSWORD));
    }

    @Test
    void withoutStoresTheApiIsPlainHttpAndRemotingPlainTcp() {
        Config config = ConfigFactory.load();
        assertEquals("http", ApiTls.scheme(config));
        assertEquals("tcp", RemoteTls.apply(config).getString("pekko.remote.artery.transport"));
    }

    @Test
    void aNodeKeystoreSwitchesRemotingToTlsTcpWithMutualAuthenticationAndTls13() {
        Config config = RemoteTls.apply(remote(TestCertificates.PASSWORD));
        assertEquals("tls-tcp", config.getString("pekko.remote.artery.transport"));
        Config engine = config.getConfig("pekko.remote.artery.ssl.config-ssl-engine");
        assertEquals(keyStore.toString(), engine.getString("key-store"));
        assertEquals(trustStore.toString(), engine.getString("trust-store"));
        assertEquals(TestCertificates.PASSWORD, engine.getString("key-password"));
        assertEquals("TLSv1.3", engine.getString("protocol"));
        assertTrue(engine.getBoolean("require-mutual-authentication"));
    }

    @Test
    void aWrongPasswordOrAMissingStoreStopsTheNodeNamingTheVariable() {
        var wrong = assertThrows(IllegalArgumentException.class, () -> RemoteTls.apply(remote("not-the-password")));
        assertTrue(wrong.getMessage().startsWith("BLOODBRIDGE_REMOTE_KEYSTORE "), wrong.getMessage());
        var required = assertThrows(IllegalArgumentException.class,
                () -> RemoteTls.apply(config(Map.of("bloodbridge.cluster.tls.required", "on"))));
        assertTrue(required.getMessage().contains("BLOODBRIDGE_REMOTE_TLS"), required.getMessage());
        var noTrust = assertThrows(IllegalArgumentException.class, () -> RemoteTls.apply(config(Map.of(
                "bloodbridge.cluster.tls.key-store", keyStore.toString(),
                "bloodbridge.cluster.tls.key-store-password", TestCertificates.PASSWORD))));
        assertTrue(noTrust.getMessage().contains("BLOODBRIDGE_REMOTE_TRUSTSTORE"), noTrust.getMessage());
        var api = assertThrows(IllegalArgumentException.class,
                () -> ApiTls.sslContext(dir.resolve("missing.p12"), "x".toCharArray()));
        assertTrue(api.getMessage().startsWith("BLOODBRIDGE_TLS_KEYSTORE "), api.getMessage());
    }

    @Test
    void anApiKeystoreMakesTheApiHttps() {
        Config config = config(Map.of("bloodbridge.http.tls.key-store", keyStore.toString(),
                "bloodbridge.http.tls.password", TestCertificates.PASSWORD));
        assertEquals("https", ApiTls.scheme(config));
        assertEquals("TLS", ApiTls.sslContext(keyStore, TestCertificates.PASSWORD.toCharArray()).getProtocol());
    }
}
