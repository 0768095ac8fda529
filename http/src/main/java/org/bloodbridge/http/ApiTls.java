package org.bloodbridge.http;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS for the API ({@code bloodbridge.http.tls}): with a PKCS12 keystore named
 * ({@code BLOODBRIDGE_TLS_KEYSTORE}, opened with {@code BLOODBRIDGE_TLS_KEYSTORE_PASSWORD}) the API
 * port speaks TLS 1.3 or 1.2 only; without one it is plain HTTP (development).
 */
final class ApiTls {
    private static final Logger log = LoggerFactory.getLogger(ApiTls.class);
    /** Offered to clients, newest first; anything older is refused. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ApiTls() {}

    private static String keyStore(Config config) {
        return config.getString("bloodbridge.http.tls.key-store").trim();
    }

    /** "https" when the API has a keystore, else "http". */
    static String scheme(Config config) {
        return keyStore(config).isEmpty() ? "http" : "https";
    }

    /** The server as it is (plain HTTP), or with HTTPS on when a keystore is configured. */
    static ServerBuilder enableOn(ServerBuilder server, Config config) {
        String keyStore = keyStore(config);
        if (keyStore.isEmpty()) {
            return server;
        }
        SSLContext context = sslContext(Path.of(keyStore), config.getString("bloodbridge.http.tls.password").toCharArray());
        log.info("API over HTTPS ({}) with the key of {}", String.join(", ", PROTOCOLS), keyStore);
        return server.enableHttps(ConnectionContext.httpsServer(() -> serverEngine(context)));
    }

    private static SSLEngine serverEngine(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(Arrays.stream(PROTOCOLS)
                .filter(p -> Arrays.asList(engine.getSupportedProtocols()).contains(p)).toArray(String[]::new));
        return engine;
    }

    /** An SSLContext with the keystore's key, failing with what to fix when the keystore is unusable. */
    static SSLContext sslContext(Path keyStore, char[] password) {
        String what = "BLOODBRIDGE_TLS_KEYSTORE (bloodbridge.http.tls.key-store) " + keyStore;
        KeyStore store = load(keyStore, password, what);
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKey(store, alias))) {
                throw new IllegalArgumentException(what + " holds no private key with its certificate");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    /** A PKCS12 keystore, or an exception naming the setting and the cause (missing file, wrong password). */
    static KeyStore load(Path file, char[] password, String what) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " is not a readable file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " could not be opened (a PKCS12 file and its password?): "
                    + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
