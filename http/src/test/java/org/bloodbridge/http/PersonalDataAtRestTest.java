package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.bloodbridge.engine.donor.DonorTags;
import org.bloodbridge.persistence.cassandra.CassandraDataFiles;
import org.bloodbridge.persistence.cassandra.DevCassandra;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Personal data at rest, looked for where it would be: a donor registered, given a donation and a
 * new phone over the API of a real node, then every SSTable data file of the test Cassandra
 * (flushed) is scanned for the national ID, the name and the phones. None may be there; then the
 * personal data is erased and the name must be gone from the API while eligibility still works.
 *
 * <p>The scan can only see plaintext in uncompressed SSTables, so compression is turned off on
 * every table of this node's keyspaces before the donor is written, every scanned SSTable of them
 * is checked to be uncompressed, and two canaries written in the clear (a deferral's free-text
 * reason in the same journal events, a value in a scratch table of the read-side keyspace) must be
 * found: if the scan could not see plaintext, the test fails.
 */
class PersonalDataAtRestTest {
    private static TestServer server;
    private static DevCassandra cassandra;
    private static CqlSession cql;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        cassandra = TestCassandra.shared();
        cql = cassandra.openSession();
    }

    @AfterAll
    static void stop() {
        if (cql != null) {
            cql.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static List<String> keyspaces() {
        String suffix = server.keyspaceSuffix;
        return List.of("journal_" + suffix, "snapshot_" + suffix, "projection_" + suffix, "readside_" + suffix);
    }

    @Test
    void nameAndPhoneAreNeverOnDiskInTheClearAndErasureKeepsTheHistory() {
        // Warm up: the first donor makes the journal and snapshot plugins create their tables.
        DonorApiTest.registerDonor(server, "CQ", DonorApiTest.newResidentId());
        for (String keyspace : keyspaces()) {
            await("tables in " + keyspace, () -> !tables(keyspace).isEmpty());
            CassandraDataFiles.disableCompression(cql, keyspace);
        }
        String readSide = "readside_" + server.keyspaceSuffix;
        String tableCanary = "tablecanary" + random(10);
        cql.execute("CREATE TABLE " + readSide + ".scan_canary (id int PRIMARY KEY, v text)"
                + " WITH compression = {'enabled': 'false'}");
        cql.execute("INSERT INTO " + readSide + ".scan_canary (id, v) VALUES (1, ?)", tableCanary);

        String nationalId = DonorApiTest.newResidentId();
        String name = "Qiuyue Canaryname" + random(8);
        String phone = "139" + random(8);
        String newPhone = "137" + random(8);
        String eventCanary = "eventcanary" + random(10);
        String body = DonorApiTest.registration("CD", nationalId, "M", "1990-05-01")
                .replace("\"Test Donor\"", "\"" + name + "\"")
                .replace("\"13800000000\"", "\"" + phone + "\"");
        HttpResponse<String> created = server.post("/api/v1/donors", body);
        assertEquals(201, created.statusCode(), created.body());
        String donorId = TestServer.json(created).get("donorId").asText();
        assertEquals(name, TestServer.json(created).get("name").asText(), "the API shows the name it sealed");

        assertEquals(201, server.post("/api/v1/donors/" + donorId + "/donations",
                "{\"centre\": \"CQ\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-06-01\", \"volumeMl\": 400}").statusCode());
        assertEquals(201, server.post("/api/v1/donors/" + donorId + "/deferrals", "{\"centre\": \"CD\", \"reason\": \""
                + eventCanary + "\", \"from\": \"2026-01-01\", \"until\": \"2026-02-01\"}").statusCode());
        HttpResponse<String> patched = server.patch("/api/v1/donors/" + donorId, "{\"phone\": \"" + newPhone + "\"}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(newPhone, TestServer.json(patched).get("phone").asText());
        assertEquals(name, TestServer.json(patched).get("name").asText());
        // Events 5 to 50: a long history, all of it replayed on recovery (donors are not snapshotted).
        for (int weight = 60; weight < 106; weight++) {
            assertEquals(200, server.patch("/api/v1/donors/" + donorId, "{\"weightKg\": " + weight + "}").statusCode());
        }
        long events = 50;
        awaitReadSide(readSide, donorId, events);
        assertEquals(1, cql.execute("SELECT donor_id FROM " + readSide + ".donor_keys WHERE donor_id = ?", donorId)
                .all().size(), "the donor has a key");

        Map<String, Integer> found = scan(Map.of("national ID", nationalId, "name", name, "phone", phone,
                "new phone", newPhone, "event canary", eventCanary, "table canary", tableCanary));
        assertTrue(found.get("event canary") >= 1, "the scan sees plaintext in journal events: " + found);
        assertTrue(found.get("table canary") >= 1, "the scan sees plaintext in a plain column: " + found);
        assertEquals(0, found.get("national ID"), "the national ID is never stored: " + found);
        assertEquals(0, found.get("name"), "the name is stored sealed only: " + found);
        assertEquals(0, found.get("phone"), "the phone is stored sealed only: " + found);
        assertEquals(0, found.get("new phone"), "a PATCHed phone is stored sealed only: " + found);

        HttpResponse<String> erased = server.send(HttpRequest.newBuilder(server.uri(
                "/api/v1/donors/" + donorId + "/personal-data")).DELETE());
        assertEquals(204, erased.statusCode(), erased.body());
        assertEquals(204, server.send(HttpRequest.newBuilder(server.uri(
                "/api/v1/donors/" + donorId + "/personal-data")).DELETE()).statusCode(), "erasing again is harmless");
        assertEquals(404, server.send(HttpRequest.newBuilder(server.uri(
                "/api/v1/donors/aaaaaaaaaaaaaaaaaaaaaaaa/personal-data")).DELETE()).statusCode());

        HttpResponse<String> got = server.get("/api/v1/donors/" + donorId);
        assertEquals(200, got.statusCode(), got.body());
        JsonNode donor = TestServer.json(got);
        assertFalse(donor.has("name"), got.body());
        assertFalse(donor.has("phone"), got.body());
        assertFalse(got.body().contains(name));
        assertEquals(105, donor.get("weightKg").asInt(), "the pseudonymous record stays");
        assertEquals(1, donor.get("donations").size(), "the history stays");
        assertTrue(cql.execute("SELECT donor_id FROM " + readSide + ".donor_keys WHERE donor_id = ?", donorId)
                .all().isEmpty(), "the key is destroyed");

        JsonNode check = TestServer.json(server.get("/api/v1/donors/" + donorId + "/eligibility?type=WHOLE_BLOOD"));
        assertFalse(check.get("eligible").asBoolean(), "joint screening still sees the donation");
        assertEquals("INTERVAL", check.at("/reasons/0/code").asText());
        assertEquals("2026-12-01", check.get("nextEligibleDate").asText());

        awaitReadSide(readSide, donorId, events + 2);
        Map<String, Integer> after = scan(Map.of("name", name, "national ID", nationalId, "event canary", eventCanary));
        assertTrue(after.get("event canary") >= 1, "the scan still sees plaintext: " + after);
        assertEquals(0, after.get("name"), after.toString());
        assertEquals(0, after.get("national ID"), after.toString());
    }

    /** Waits until the donor-summaries projection has handled the donor's first {@code seqNr} events. */
    private static void awaitReadSide(String readSide, String donorId, long seqNr) {
        await("the read side at event " + seqNr + " of donor " + donorId, () -> {
            Row row = cql.execute("SELECT seq_nr FROM " + readSide + ".donor_summaries WHERE centre = 'CD' AND slice = ?"
                    + " AND donor_id = ?", DonorTags.slice(donorId), donorId).one();
            return row != null && row.getLong("seq_nr") >= seqNr;
        });
    }

    private static void await(String what, java.util.function.BooleanSupplier done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (done.getAsBoolean()) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("waited 60 s in vain for " + what);
    }

    /**
     * Flushes every keyspace of the test Cassandra and counts each needle's UTF-8 bytes in every
     * SSTable data file (never the commit log). This node's keyspaces must have SSTables, all uncompressed.
     */
    private static Map<String, Integer> scan(Map<String, String> needles) {
        allKeyspaces().forEach(keyspace -> CassandraDataFiles.flush(cassandra, keyspace));
        List<Path> files = new ArrayList<>();
        List<byte[]> contents = null;
        // Compaction (of system tables, mostly) may replace a file between listing and reading it.
        for (int attempt = 0; contents == null && attempt < 10; attempt++) {
            files.clear();
            allKeyspaces().forEach(keyspace -> files.addAll(CassandraDataFiles.dataFiles(cassandra, keyspace)));
            contents = CassandraDataFiles.read(files).orElse(null);
        }
        assertTrue(contents != null, "the data files kept changing while read");
        for (String keyspace : keyspaces()) {
            List<Path> ours = CassandraDataFiles.dataFiles(cassandra, keyspace);
            if (keyspace.startsWith("snapshot_") && ours.isEmpty()) {
                continue; // donors are not snapshotted: nothing of theirs can be there (scanned all the same)
            }
            assertFalse(ours.isEmpty(), "no SSTables in " + keyspace);
            for (Path file : ours) {
                assertFalse(CassandraDataFiles.compressed(file), "compressed, so a scan proves nothing: " + file);
            }
        }
        assertTrue(files.stream().noneMatch(f -> f.toString().contains("commitlog")));
        Map<String, Integer> found = new LinkedHashMap<>();
        List<byte[]> scanned = contents;
        needles.forEach((what, text) -> found.put(what,
                CassandraDataFiles.occurrences(scanned, text.getBytes(StandardCharsets.UTF_8))));
        return found;
    }

    /** Every keyspace with a directory under the data directory (system ones included). */
    private static List<String> allKeyspaces() {
        try (Stream<Path> dirs = Files.list(cassandra.dataDir().resolve("data"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> tables(String keyspace) {
        return cql.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace).all().stream()
                .map(r -> r.getString("table_name")).toList();
    }

    private static String random(int digits) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
