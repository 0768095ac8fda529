package org.bloodbridge.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * "On the wire": three nodes, each a JVM of its own, whose remoting is Artery tls-tcp with mutual
 * authentication and whose API is HTTPS, with keys and certificates made by keytool for this run.
 * They form one cluster; a fourth node whose certificate the cluster CA did not sign never joins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsClusterTest {
    private static final String NODE_SUBJECT = "CN=bloodbridge node, O=Bloodbridge";
    private static final List<NodeProcess> NODES = new ArrayList<>();
    private static final List<NodeProcess> ALL = new ArrayList<>();

    @TempDir
    static Path stores;
    private static Path nodeKeyStore;
    private static Path trustStore;
    private static List<Integer> nodePorts;
    private static String seeds;
    private static List<String> properties;

    @BeforeAll
    static void startThreeNodesOverTls() {
        long started = System.nanoTime();
        var certificates = new TestCertificates(stores);
        Path clusterCa = certificates.ca("cluster");
        trustStore = certificates.trustStore(clusterCa, "cluster-truststore");
        // One node keystore for all (as the Kubernetes Secret mounts one), also the API's.
        nodeKeyStore = certificates.node("cluster-node", NODE_SUBJECT, clusterCa);
        System.out.printf("tls: keystores made with keytool in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        String suffix = "t" + ProcessHandle.current().pid();
        properties = List.of("-Dpekko.persistence.cassandra.journal.keyspace=journal_" + suffix,
                "-Dpekko.persistence.cassandra.snapshot.keyspace=snapshot_" + suffix,
                "-Dbloodbridge.readside.keyspace=readside_" + suffix,
                "-Dpekko.projection.cassandra.offset-store.keyspace=projection_" + suffix);
        nodePorts = List.of(NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort());
        seeds = String.join(",", nodePorts.stream().map(p -> "127.0.0.1:" + p).toList());
        for (int i = 0; i < 3; i++) {
            NODES.add(node("tls-node" + (i + 1) + "-" + suffix, nodePorts.get(i), nodeKeyStore));
        }
        ALL.addAll(NODES);
        NODES.forEach(NodeProcess::start);
        await("one cluster of three members Up over TLS, as every node sees it").atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> NODES.stream().allMatch(n -> upMembers(n).size() == 3));
        System.out.printf("tls: three nodes Up over tls-tcp after %d s%n", (System.nanoTime() - started) / 1_000_000_000);
    }

    private static NodeProcess node(String name, int port, Path keyStore) {
        String password = TestCertificates.PASSWORD;
        return new NodeProcess(name, port, seeds, TestCassandra.shared().contactPoint(), properties, Map.of(
                "BLOODBRIDGE_REMOTE_TLS", "on",
                "BLOODBRIDGE_REMOTE_KEYSTORE", keyStore.toString(),
                "BLOODBRIDGE_REMOTE_KEYSTORE_PASSWORD", password,
                "BLOODBRIDGE_REMOTE_TRUSTSTORE", trustStore.toString(),
                "BLOODBRIDGE_REMOTE_TRUSTSTORE_PASSWORD", password,
                "BLOODBRIDGE_TLS_KEYSTORE", keyStore.toString(),
                "BLOODBRIDGE_TLS_KEYSTORE_PASSWORD", password));
    }

    @AfterAll
    static void stopNodes() {
        ALL.forEach(NodeProcess::close);
    }

    /** The addresses of the members this node sees Up (empty when its management port does not answer). */
    private static Set<String> upMembers(NodeProcess node) {
        Set<String> up = new TreeSet<>();
        HttpResponse<String> members = node.management("/cluster/members");
        if (members != null && members.statusCode() == 200) {
            for (JsonNode member : TestServer.json(members).get("members")) {
                if (member.get("status").asText().equals("Up")) {
                    up.add(member.get("node").asText());
                }
            }
        }
        return up;
    }

    /** Every member this node knows of, in any state (Joining, WeaklyUp, Up, ...). */
    private static Set<String> members(NodeProcess node) {
        Set<String> all = new TreeSet<>();
        HttpResponse<String> members = node.management("/cluster/members");
        if (members != null && members.statusCode() == 200) {
            TestServer.json(members).get("members").forEach(m -> all.add(m.get("node").asText()));
        }
        return all;
    }

    @Test
    @Order(1)
    void theRemotingPortSpeaksTls13AndAsksForTheClusterCertificate() throws Exception {
        int port = nodePorts.get(0);
        try (SSLSocket socket = (SSLSocket) context(nodeKeyStore).getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            assertTrue(Set.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256").contains(socket.getSession().getCipherSuite()),
                    socket.getSession().getCipherSuite());
            X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertEquals(NODE_SUBJECT, peer.getSubjectX500Principal().getName().replace(",", ", "));
        }
        // Without a certificate of our own the node ends the handshake (mutual authentication).
        try (SSLSocket socket = (SSLSocket) context(null).getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            try {
                socket.startHandshake();
                // TLS 1.3: the server's verdict on the client's (absent) certificate arrives after the client's Finished.
                int read = socket.getInputStream().read();
                assertEquals(-1, read, "the node closes the connection of a client without a certificate");
            } catch (SocketTimeoutException e) {
                fail("the node kept a connection without a client certificate open");
            } catch (SSLException expected) {
                // bad_certificate / certificate_required
            }
        }
    }

    @Test
    @Order(2)
    void theApiAnswersOverHttpsToAClientTrustingTheCaAndNotOverPlainHttp() throws Exception {
        NodeProcess node = NODES.get(0);
        URI alive = URI.create("https://127.0.0.1:" + node.httpPort + "/health/alive");
        HttpClient trusting = HttpClient.newBuilder().sslContext(context(null)).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = await("GET /health/alive over https").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> trusting.send(HttpRequest.newBuilder(alive).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
        String protocol = response.sslSession().orElseThrow().getProtocol();
        assertTrue(Set.of("TLSv1.3", "TLSv1.2").contains(protocol), protocol);

        assertNull(node.get("/health/alive"), "plain http to the https port gets no answer");
        HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(SSLException.class, () -> defaultTrust.send(HttpRequest.newBuilder(alive)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()),
                "a client that does not trust the test CA refuses the certificate");
    }

    @Test
    @Order(3)
    void aNodeWithoutACertificateOfTheClusterCaNeverJoins() throws Exception {
        Set<String> cluster = upMembers(NODES.get(0));
        assertEquals(3, cluster.size(), cluster.toString());
        // Same subject as the real nodes and the cluster's (public) CA to trust, but its own key, self-signed.
        Path impostor = new TestCertificates(stores).selfSigned("rogue-node", NODE_SUBJECT);
        int roguePort = NodeProcess.freePort();
        NodeProcess rogue = node("tls-rogue-t" + ProcessHandle.current().pid(), roguePort, impostor);
        ALL.add(rogue);
        long started = System.nanoTime();
        rogue.start();

        // It is up and trying, and the nodes refuse its certificate (they log nothing at WARN; it does).
        await("the rogue logs its certificate refused").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !handshakeFailures(rogue).isEmpty());
        System.out.printf("tls: rogue's handshake refused %d s after its start: %s%n",
                (System.nanoTime() - started) / 1_000_000_000, handshakeFailures(rogue).get(0));
        String rogueAddress = "pekko://bloodbridge@127.0.0.1:" + roguePort;
        await("the cluster stays the three, without the rogue").during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> NODES.stream().allMatch(n -> upMembers(n).equals(cluster) && !members(n).contains(rogueAddress)));
        assertTrue(rogue.running(), "the rogue kept trying (it was not stopped by a configuration error)");
        assertFalse(upMembers(rogue).contains(rogueAddress), "the rogue is no member, not even of a cluster of its own");
        System.out.printf("tls: rogue refused for %d s in all%n", (System.nanoTime() - started) / 1_000_000_000);
    }

    /** Log lines of the node that tell of its certificate refused in a TLS handshake. */
    private static List<String> handshakeFailures(NodeProcess node) throws IOException {
        if (!Files.exists(node.logFile())) {
            return List.of();
        }
        return Files.readAllLines(node.logFile(), StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("SSLHandshakeException") && line.contains("bad_certificate")).toList();
    }

    /** A client context trusting the cluster CA, presenting the key of {@code keyStore} if not null. */
    private static SSLContext context(Path keyStore) throws Exception {
        char[] password = TestCertificates.PASSWORD.toCharArray();
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore, password));
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore, password), password);
        }
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        }
    }
}
