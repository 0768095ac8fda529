package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes: what must hold for the manifests to run a production cluster. */
class KubernetesManifestsTest {
    /** Tests run in the http module's directory. */
    private static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes");
    private static final List<Path> CONFIGURATION = List.of(
            Path.of("src", "main", "resources"), Path.of("..", "persistence", "src", "main", "resources"));
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{\\??(BLOODBRIDGE_[A-Z0-9_]+)");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<JsonNode>> FILES = new HashMap<>();
    private static final List<JsonNode> DOCUMENTS = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                List<JsonNode> documents = new ArrayList<>();
                try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (it.hasNext()) {
                        JsonNode document = it.next();
                        if (document != null && !document.isNull() && !document.isMissingNode()) {
                            documents.add(document);
                        }
                    }
                }
                FILES.put(file.getFileName().toString(), documents);
                DOCUMENTS.addAll(documents);
            }
        }
    }

    private static JsonNode only(String kind) {
        List<JsonNode> found = DOCUMENTS.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    private static JsonNode deployment() {
        return only("Deployment");
    }

    private static JsonNode container(JsonNode workload) {
        JsonNode containers = workload.at("/spec/template/spec/containers");
        assertEquals(1, containers.size(), workload.at("/metadata/name").asText() + " has one container");
        return containers.get(0);
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError(container.path("name").asText() + " does not set " + name);
    }

    private static List<JsonNode> workloads() {
        return DOCUMENTS.stream().filter(d -> Set.of("Deployment", "Job").contains(d.path("kind").asText())).toList();
    }

    /** The BLOODBRIDGE_* variables the server's configuration reads. */
    static Set<String> readByTheServer() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path dir : CONFIGURATION) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".conf") || f.endsWith("logback.xml")).toList()) {
                    Matcher reference = ENV_REFERENCE.matcher(Files.readString(file));
                    while (reference.find()) {
                        names.add(reference.group(1));
                    }
                }
            }
        }
        return names;
    }

    static Set<String> unknown(Set<String> setNames) throws IOException {
        Set<String> unknown = new TreeSet<>(setNames);
        unknown.removeAll(readByTheServer());
        return unknown;
    }

    @Test
    void everyManifestParsesAndNamesItsKindAndNamespace() {
        assertTrue(FILES.keySet().containsAll(Set.of("deployment.yaml", "service.yaml", "rbac.yaml", "configmap.yaml",
                "secret.example.yaml", "schema-job.yaml")), FILES.keySet().toString());
        for (JsonNode document : DOCUMENTS) {
            assertFalse(document.path("kind").asText().isEmpty(), document.toString());
            assertFalse(document.at("/metadata/name").asText().isEmpty(), document.toString());
            if (!"Namespace".equals(document.path("kind").asText())) {
                assertEquals("bloodbridge", document.at("/metadata/namespace").asText(), document.at("/metadata/name").asText());
            }
        }
    }

    @Test
    void threeReplicasLabelledAppBloodbridgeSelectedByTheDeploymentAndTheService() {
        JsonNode deployment = deployment();
        assertEquals(3, deployment.at("/spec/replicas").asInt());
        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        assertEquals("bloodbridge", labels.path("app").asText());
        deployment.at("/spec/selector/matchLabels").fields().forEachRemaining(label ->
                assertEquals(label.getValue().asText(), labels.path(label.getKey()).asText(), "selector " + label.getKey()));
        JsonNode service = only("Service");
        assertEquals("ClusterIP", service.at("/spec/type").asText("ClusterIP"));
        service.at("/spec/selector").fields().forEachRemaining(label ->
                assertEquals(label.getValue().asText(), labels.path(label.getKey()).asText(), "service selector"));
        JsonNode port = service.at("/spec/ports/0");
        assertEquals(8080, port.path("port").asInt());
        assertEquals("http", port.path("targetPort").asText());
    }

    @Test
    void portsAndProbesOnDeclaredPorts() {
        JsonNode container = container(deployment());
        Map<String, Integer> ports = new HashMap<>();
        container.path("ports").forEach(port -> ports.put(port.path("name").asText(), port.path("containerPort").asInt()));
        assertEquals(Map.of("http", 8080, "management", 8558, "remoting", 25520), ports);

        assertEquals("/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/health/alive", container.at("/livenessProbe/httpGet/path").asText());
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            JsonNode httpGet = container.path(probe).path("httpGet");
            if (container.has(probe)) {
                JsonNode port = httpGet.path("port");
                assertTrue(port.isInt() ? ports.containsValue(port.asInt()) : ports.containsKey(port.asText()),
                        probe + " on an undeclared port " + port);
                assertTrue(container.path(probe).path("periodSeconds").asInt() > 0, probe + " period");
                assertTrue(container.path(probe).path("failureThreshold").asInt() > 0, probe + " failureThreshold");
            }
        }
        int grace = deployment().at("/spec/template/spec/terminationGracePeriodSeconds").asInt();
        assertTrue(grace >= 30 && grace <= 120, "time for a graceful leave: " + grace);
        assertFalse(container.at("/resources/requests/memory").isMissingNode(), "memory request");
        assertFalse(container.at("/resources/limits/memory").isMissingNode(), "memory limit");

        // What the node is told about its ports is what the container declares.
        assertEquals(ports.get("http"), Integer.valueOf(env(container, "BLOODBRIDGE_HTTP_PORT").path("value").asText()));
        assertEquals(ports.get("management"),
                Integer.valueOf(env(container, "BLOODBRIDGE_MANAGEMENT_PORT").path("value").asText()));
        assertEquals(ports.get("remoting"), Integer.valueOf(env(container, "BLOODBRIDGE_NODE_PORT").path("value").asText()));
        assertEquals("0.0.0.0", env(container, "BLOODBRIDGE_HTTP_HOST").path("value").asText());
        assertEquals("status.podIP", env(container, "BLOODBRIDGE_NODE_HOST").at("/valueFrom/fieldRef/fieldPath").asText());
        assertEquals("kubernetes", env(container, "BLOODBRIDGE_DISCOVERY").path("value").asText());
    }

    @Test
    void everyBloodbridgeVariableSetIsOneTheServerReads() throws IOException {
        Set<String> set = new TreeSet<>();
        for (JsonNode workload : workloads()) {
            for (JsonNode variable : container(workload).path("env")) {
                String name = variable.path("name").asText();
                if (name.startsWith("BLOODBRIDGE_")) {
                    set.add(name);
                }
            }
            assertTrue(container(workload).path("envFrom").isMissingNode(), "every variable is named (no envFrom)");
        }
        assertTrue(set.contains("BLOODBRIDGE_CASSANDRA"), set.toString());
        assertEquals(Set.of(), unknown(set), "set by the manifests, read by nothing");
    }

    @Test
    void theVariableCheckCatchesANameNothingReads() throws IOException {
        assertTrue(readByTheServer().containsAll(Set.of("BLOODBRIDGE_CASSANDRA", "BLOODBRIDGE_CASSANDRA_DC",
                "BLOODBRIDGE_SCHEMA_AUTOCREATE", "BLOODBRIDGE_FEDERATION_SECRET", "BLOODBRIDGE_HTTP_PORT")));
        assertEquals(Set.of("BLOODBRIDGE_SCHEMA_AUTO_CREATE"),
                unknown(Set.of("BLOODBRIDGE_SCHEMA_AUTO_CREATE", "BLOODBRIDGE_HTTP_HOST")));
    }

    @Test
    void everyConfigMapKeyReferencedExists() {
        JsonNode configMap = only("ConfigMap");
        for (JsonNode workload : workloads()) {
            for (JsonNode variable : container(workload).path("env")) {
                JsonNode ref = variable.at("/valueFrom/configMapKeyRef");
                if (!ref.isMissingNode()) {
                    assertEquals(configMap.at("/metadata/name").asText(), ref.path("name").asText());
                    assertTrue(configMap.path("data").has(ref.path("key").asText()), "configmap key " + ref);
                }
            }
        }
        assertFalse(configMap.at("/data/cassandra-contact-points").asText().isBlank());
    }

    @Test
    void theServiceAccountMayListPodsAndThePodLabelMatchesTheDiscoverySelector() {
        JsonNode pod = deployment().at("/spec/template");
        String account = pod.at("/spec/serviceAccountName").asText();
        List<JsonNode> rbac = FILES.get("rbac.yaml");
        assertTrue(rbac.stream().anyMatch(d -> "ServiceAccount".equals(d.path("kind").asText())
                && account.equals(d.at("/metadata/name").asText())), "ServiceAccount " + account + " in rbac.yaml");
        Set<String> rolesOfAccount = new HashSet<>();
        rbac.stream().filter(d -> "RoleBinding".equals(d.path("kind").asText())).forEach(binding -> {
            for (JsonNode subject : binding.path("subjects")) {
                if ("ServiceAccount".equals(subject.path("kind").asText()) && account.equals(subject.path("name").asText())) {
                    rolesOfAccount.add(binding.at("/roleRef/name").asText());
                }
            }
        });
        boolean listsPods = false;
        for (JsonNode role : rbac) {
            if ("Role".equals(role.path("kind").asText()) && rolesOfAccount.contains(role.at("/metadata/name").asText())) {
                for (JsonNode rule : role.path("rules")) {
                    listsPods |= contains(rule.path("resources"), "pods") && contains(rule.path("verbs"), "get")
                            && contains(rule.path("verbs"), "watch") && contains(rule.path("verbs"), "list");
                }
            }
        }
        assertTrue(listsPods, "a Role bound to " + account + " may get, watch and list pods");

        Map<String, String> selector = labels(env(container(deployment()), "BLOODBRIDGE_K8S_POD_LABEL_SELECTOR")
                .path("value").asText());
        assertFalse(selector.isEmpty());
        selector.forEach((key, value) -> assertEquals(value, pod.at("/metadata/labels").path(key).asText(), key));
        // The schema job's pod must never be taken for a node.
        JsonNode jobLabels = only("Job").at("/spec/template/metadata/labels");
        assertFalse(selector.entrySet().stream().allMatch(l -> l.getValue().equals(jobLabels.path(l.getKey()).asText())),
                "the schema job's pod matches the discovery selector");
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText()) || "*".equals(element.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> labels(String selector) {
        Map<String, String> labels = new HashMap<>();
        for (String term : selector.split(",")) {
            String[] keyValue = term.trim().split("==?");
            assertEquals(2, keyValue.length, "an equality selector: " + selector);
            labels.put(keyValue[0].trim(), keyValue[1].trim());
        }
        return labels;
    }

    @Test
    void nodesTalkTlsWithKeystoresFromAMountedSecretAndTheProbesUseHttps() {
        JsonNode pod = deployment().at("/spec/template/spec");
        JsonNode container = container(deployment());
        assertEquals("on", env(container, "BLOODBRIDGE_REMOTE_TLS").path("value").asText());
        Map<String, String> secretVolumes = new HashMap<>();
        pod.path("volumes").forEach(v -> {
            if (v.has("secret")) {
                secretVolumes.put(v.path("name").asText(), v.at("/secret/secretName").asText());
            }
        });
        List<String> secretDirs = new ArrayList<>();
        container.path("volumeMounts").forEach(m -> {
            if (secretVolumes.containsKey(m.path("name").asText())) {
                assertTrue(m.path("readOnly").asBoolean(), "secret mounted read-only");
                secretDirs.add(m.path("mountPath").asText() + "/");
            }
        });
        for (String store : List.of("BLOODBRIDGE_REMOTE_KEYSTORE", "BLOODBRIDGE_REMOTE_TRUSTSTORE", "BLOODBRIDGE_TLS_KEYSTORE")) {
            String path = env(container, store).path("value").asText();
            assertTrue(secretDirs.stream().anyMatch(path::startsWith), store + " " + path + " is not in a mounted Secret");
        }
        for (String password : List.of("BLOODBRIDGE_REMOTE_KEYSTORE_PASSWORD", "BLOODBRIDGE_REMOTE_TRUSTSTORE_PASSWORD",
                "BLOODBRIDGE_TLS_KEYSTORE_PASSWORD")) {
            JsonNode variable = env(container, password);
            assertTrue(variable.path("value").isMissingNode(), "never a literal " + password);
            assertTrue(secretVolumes.containsValue(variable.at("/valueFrom/secretKeyRef/name").asText()),
                    password + " comes from the mounted Secret");
        }
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertEquals("HTTPS", container.at("/" + probe + "/httpGet/scheme").asText(), probe + " on the HTTPS API port");
        }
    }

    @Test
    void theFederationSecretComesFromASecretAndTheSchemaFromTheJob() {
        for (JsonNode workload : workloads()) {
            for (JsonNode variable : container(workload).path("env")) {
                if ("BLOODBRIDGE_FEDERATION_SECRET".equals(variable.path("name").asText())) {
                    assertTrue(variable.path("value").isMissingNode(), "never a literal federation secret");
                }
            }
        }
        JsonNode secretRef = env(container(deployment()), "BLOODBRIDGE_FEDERATION_SECRET").at("/valueFrom/secretKeyRef");
        assertFalse(secretRef.isMissingNode(), "the federation secret comes from a secretKeyRef");
        JsonNode example = only("Secret");
        assertEquals(example.at("/metadata/name").asText(), secretRef.path("name").asText());
        String placeholder = example.path("stringData").path(secretRef.path("key").asText()).asText();
        assertTrue(placeholder.contains("REPLACE-ME"), "the example secret is a placeholder: " + placeholder);

        assertEquals("false", env(container(deployment()), "BLOODBRIDGE_SCHEMA_AUTOCREATE").path("value").asText());
        JsonNode job = container(only("Job"));
        List<String> commandLine = new ArrayList<>();
        job.path("command").forEach(part -> commandLine.add(part.asText()));
        job.path("args").forEach(part -> commandLine.add(part.asText()));
        assertTrue(commandLine.get(0).endsWith("bin/bloodbridge") && commandLine.get(1).equals("schema"), commandLine.toString());
        assertEquals(env(container(deployment()), "BLOODBRIDGE_CASSANDRA").path("valueFrom"),
                env(job, "BLOODBRIDGE_CASSANDRA").path("valueFrom"), "the job and the nodes use the same Cassandra");
    }
}
