package org.bloodbridge.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.bloodbridge.persistence.cassandra.TestKeyspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a keystore configured the API speaks HTTPS only (keys made with keytool for the test). */
class ApiHttpsTest {
    @TempDir
    static Path stores;

    @Test
    void theApiAnswersOverHttpsToAClientTrustingTheCaAndNotOverPlainHttp() throws Exception {
        var certificates = new TestCertificates(stores);
        Path ca = certificates.ca("api-ca");
        Path trustStore = certificates.trustStore(ca, "api-truststore");
        Path keyStore = certificates.node("api-node", "CN=127.0.0.1, O=Bloodbridge", ca);
        try (TestServer server = TestServer.startUnready(TestKeyspaces.freshSuffix("h"), TestCassandra.shared().contactPoint(),
                Map.of("bloodbridge.http.tls.key-store", keyStore.toString(),
                        "bloodbridge.http.tls.password", TestCertificates.PASSWORD))) {
            URI alive = URI.create(server.uri("/health/alive").toString().replace("http://", "https://"));
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(trustStore))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = await("GET /health/alive over https").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> trusting.send(HttpRequest.newBuilder(alive).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
            String protocol = response.sslSession().orElseThrow().getProtocol();
            assertTrue(Set.of("TLSv1.3", "TLSv1.2").contains(protocol), protocol);

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(server.uri("/health/alive"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()),
                    "plain http to the https port gets no answer");
            assertThrows(SSLException.class, () -> plain.send(HttpRequest.newBuilder(alive)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()),
                    "a client that does not trust the test CA refuses the certificate");
        }
    }

    private static SSLContext trusting(Path trustStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, TestCertificates.PASSWORD.toCharArray());
            trust.init(store);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
