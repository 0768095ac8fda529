package org.bloodbridge.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.junit.jupiter.api.Test;

/**
 * bin/bloodbridge schema against the test Cassandra: the production scripts, with one replica, in
 * keyspaces of the test's own; applied twice. (That a node which creates nothing itself works on
 * them is the http module's ProductionSchemaTest.)
 */
class SchemaCommandTest {
    private static final String SIMPLE = "{'class': 'SimpleStrategy', 'replication_factor': 1}";
    private static final Map<String, Set<String>> TABLES = Map.of(
            "journal", Set.of("messages", "tag_views", "tag_write_progress", "tag_scanning", "metadata",
                    "all_persistence_ids"),
            "snapshot", Set.of("snapshots"),
            "readside", Set.of("donor_summaries", "match_requests_by_centre", "recalls_by_centre", "patient_requests",
                    "transfusion_outcomes", "audit_by_day", "audit_by_resource",
                    "audit_by_subject", "donor_keys"),
            "projection", Set.of("offset_store", "projection_management"));

    private record Run(int status, String out, String err) {}

    private static Run schema(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SchemaCommand.run(args, Map.of("BLOODBRIDGE_CASSANDRA", TestCassandra.shared().contactPoint()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static CqlSession session() {
        return CqlSession.builder()
                .addContactPoints(SchemaCommand.contactPoints(TestCassandra.shared().contactPoint()))
                .withLocalDatacenter("datacenter1")
                .withConfigLoader(DriverConfigLoader.fromString("datastax-java-driver.basic.request.timeout = 30s"))
                .build();
    }

    private static Set<String> tables(CqlSession session, String keyspace) {
        return session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = '" + keyspace + "'")
                .all().stream().map(row -> row.getString("table_name")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void appliesTheProductionSchemaTwice() {
        String prefix = "schema" + ProcessHandle.current().pid();
        Run first = schema("--replication", SIMPLE, "--keyspace-prefix", prefix);
        assertEquals(0, first.status(), first.out() + first.err());
        assertTrue(first.out().contains("created  keyspace " + prefix + "_journal"), first.out());
        assertTrue(first.out().contains("created  table " + prefix + "_readside.donor_summaries"), first.out());

        try (CqlSession session = session()) {
            for (String part : SchemaCommand.PARTS) {
                String keyspace = prefix + "_" + part;
                assertEquals(new TreeSet<>(TABLES.get(part)), tables(session, keyspace), keyspace);
                Row replication = session.execute(
                        "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = '" + keyspace + "'").one();
                assertEquals("1", replication.getMap("replication", String.class, String.class).get("replication_factor"));
            }

            Run second = schema("--replication", SIMPLE, "--keyspace-prefix", prefix);
            assertEquals(0, second.status(), second.out() + second.err());
            assertFalse(second.out().contains("created"), "nothing is created twice: " + second.out());
            assertTrue(second.out().contains("exists   table " + prefix + "_journal.messages"), second.out());
        }
    }

    @Test
    void refusesWithoutCassandraOrWithBadArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(1, SchemaCommand.run(new String[0], Map.of(), out, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("BLOODBRIDGE_CASSANDRA"));
        assertEquals(1, SchemaCommand.run(new String[] {"--replication"}, Map.of("BLOODBRIDGE_CASSANDRA", "h:9042"),
                out, errors));
        assertEquals(1, SchemaCommand.run(new String[] {"--keyspace-prefix", "no-dashes"},
                Map.of("BLOODBRIDGE_CASSANDRA", "h:9042"), out, errors));
        assertEquals(0, SchemaCommand.run(new String[] {"--help"}, Map.of(), out, errors));
    }

    @Test
    void theDefaultReplicationIsThreeReplicasInTheLocalDataCentre() {
        SchemaCommand command = new SchemaCommand(List.of(), "dc-chengdu",
                SchemaCommand.defaultReplication("dc-chengdu"), "bb", System.out);
        List<String> statements = command.statements();
        assertEquals("CREATE KEYSPACE IF NOT EXISTS bb_journal WITH replication = "
                + "{'class': 'NetworkTopologyStrategy', 'dc-chengdu': 3}", statements.get(0));
        assertTrue(statements.stream().noneMatch(s -> s.contains("bloodbridge_")), statements.toString());
        assertEquals(4, statements.stream().filter(s -> s.startsWith("CREATE KEYSPACE")).count());
    }
}
