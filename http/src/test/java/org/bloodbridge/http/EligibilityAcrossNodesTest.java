package org.bloodbridge.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.bloodbridge.persistence.cassandra.TestKeyspaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's guarantee across nodes: checks are answered by the eligibility shards, which run on
 * both nodes of a cluster of two; a deferral acknowledged through one node is refused by the single
 * and the batch check through the other, for donors whose shard the other node had already told
 * "eligible". Two node JVMs on the shared test Cassandra, stopped in {@link #stopNodes}.
 */
class EligibilityAcrossNodesTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Enough donors that their shards (64, spread over both nodes) are on both nodes. */
    private static final int DONORS = 12;
    private static final List<NodeProcess> NODES = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() {
        List<String> properties = TestKeyspaces.systemProperties(TestKeyspaces.freshSuffix("e"));
        List<Integer> ports = List.of(NodeProcess.freePort(), NodeProcess.freePort());
        String seeds = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        for (int i = 0; i < ports.size(); i++) {
            NODES.add(new NodeProcess("elig-node" + (i + 1), ports.get(i), seeds, TestCassandra.shared().contactPoint(),
                    properties));
        }
        NODES.forEach(NodeProcess::start);
        await("both nodes ready").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> NODES.stream().allMatch(NodeProcess::ready));
        await("one cluster of two members Up, as each node sees it").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).until(() -> NODES.stream().allMatch(n -> upMembers(n) == 2));
    }

    @AfterAll
    static void stopNodes() {
        NODES.forEach(NodeProcess::close);
    }

    private static int upMembers(NodeProcess node) {
        HttpResponse<String> members = node.management("/cluster/members");
        if (members == null || members.statusCode() != 200) {
            return -1;
        }
        int up = 0;
        for (JsonNode member : TestServer.json(members).get("members")) {
            up += member.get("status").asText().equals("Up") ? 1 : 0;
        }
        return up;
    }

    private static String register(NodeProcess node) {
        String body = DonorApiTest.registration("CD", DonorApiTest.newResidentId(), "M", "1990-05-01");
        // A 503 (a fresh cluster's store slow to answer its first writes) may still have registered the
        // donor: a retry then finds them (409 donor_exists, which names the donorId).
        HttpResponse<String> response = await("registration through " + node).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> node.post("/api/v1/donors", body), r -> r != null && Set.of(201, 409).contains(r.statusCode()));
        return TestServer.json(response).get("donorId").asText();
    }

    private static JsonNode single(NodeProcess node, String donorId) {
        HttpResponse<String> response = node.get("/api/v1/donors/" + donorId + "/eligibility");
        assertEquals(200, node.status(response), response == null ? "no answer" : response.body());
        return TestServer.json(response);
    }

    private static JsonNode batch(NodeProcess node, List<String> donorIds) {
        String checks = donorIds.stream().map(id -> "{\"donorId\": \"" + id + "\"}").collect(Collectors.joining(", "));
        HttpResponse<String> response = node.post("/api/v1/eligibility/batch",
                "{\"type\": \"WHOLE_BLOOD\", \"checks\": [" + checks + "]}");
        assertEquals(200, node.status(response), response == null ? "no answer" : response.body());
        JsonNode results = TestServer.json(response).get("results");
        assertEquals(donorIds.size(), results.size());
        return results;
    }

    @Test
    void aDeferralAcknowledgedThroughOneNodeIsRefusedByTheSingleAndBatchChecksThroughTheOther() {
        NodeProcess a = NODES.get(0);
        NodeProcess b = NODES.get(1);
        List<String> donors = new ArrayList<>();
        for (int i = 0; i < DONORS; i++) {
            donors.add(register(a));
        }
        // B's checks first: each donor's shard, wherever it runs, holds the "eligible" facts.
        for (String donorId : donors) {
            assertTrue(single(b, donorId).get("eligible").asBoolean(), donorId);
        }
        batch(b, donors).forEach(slot -> assertTrue(slot.get("eligible").asBoolean(), slot.toString()));

        LocalDate today = LocalDate.now(ZONE);
        for (String donorId : donors) {
            HttpResponse<String> deferred = a.post("/api/v1/donors/" + donorId + "/deferrals",
                    "{\"centre\": \"CQ\", \"reason\": \"fever\", \"from\": \"%s\", \"until\": \"%s\"}"
                            .formatted(today.minusDays(1), today.plusDays(20)));
            assertEquals(201, a.status(deferred), deferred == null ? "no answer" : deferred.body());
        }
        // Acknowledged through A, so every check through B refuses at once: no waiting for it to spread.
        for (String donorId : donors) {
            JsonNode check = single(b, donorId);
            assertFalse(check.get("eligible").asBoolean(), check.toString());
            assertEquals("DEFERRED_TEMPORARY", check.at("/reasons/0/code").asText());
        }
        JsonNode slots = batch(b, donors);
        for (int i = 0; i < donors.size(); i++) {
            assertEquals(donors.get(i), slots.get(i).get("donorId").asText());
            assertFalse(slots.get(i).get("eligible").asBoolean(), slots.get(i).toString());
        }

        String fresh = register(a);
        assertTrue(single(b, fresh).get("eligible").asBoolean(), "a donor new to both nodes' shards is answered");
        JsonNode mixed = batch(b, List.of(donors.get(0), fresh));
        assertFalse(mixed.get(0).get("eligible").asBoolean());
        assertTrue(mixed.get(1).get("eligible").asBoolean());
        for (NodeProcess node : NODES) {
            assertTrue(localShards(node) > 0, "some of the donors' eligibility shards run on " + node);
        }
    }

    private static int localShards(NodeProcess node) {
        HttpResponse<String> shards = node.management("/cluster/shards/EligibilityShard");
        return shards == null || shards.statusCode() != 200 ? -1 : TestServer.json(shards).get("regions").size();
    }
}
