package org.bloodbridge.http;

import static org.bloodbridge.http.MatchApiTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bloodbridge.persistence.SchemaCommand;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.junit.jupiter.api.Test;

/**
 * A production-like node, which creates no keyspace or table, runs on the schema of
 * {@code bin/bloodbridge schema} (persistence's SchemaCommand, tested there): everything the node
 * needs is in the scripts.
 */
class ProductionSchemaTest {
    private static final String SIMPLE = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

    private static Set<String> tables(CqlSession session, String keyspace) {
        return session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = '" + keyspace + "'")
                .all().stream().map(row -> row.getString("table_name")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aNodeThatCreatesNothingRunsOnTheProductionSchema() {
        String prefix = "schema" + ProcessHandle.current().pid();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = SchemaCommand.run(new String[] {"--replication", SIMPLE, "--keyspace-prefix", prefix},
                Map.of("BLOODBRIDGE_CASSANDRA", TestCassandra.shared().contactPoint()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));

        try (CqlSession session = CqlSession.builder()
                .addContactPoints(SchemaCommand.contactPoints(TestCassandra.shared().contactPoint()))
                .withLocalDatacenter("datacenter1")
                .withConfigLoader(DriverConfigLoader.fromString("datastax-java-driver.basic.request.timeout = 30s"))
                .build()) {
            try (TestServer server = TestServer.start(prefix, Map.of(
                    "bloodbridge.cassandra.autocreate", false,
                    // persistence.conf's substitutions of bloodbridge.cassandra.autocreate are already resolved here.
                    "pekko.persistence.cassandra.journal.keyspace-autocreate", false,
                    "pekko.persistence.cassandra.journal.tables-autocreate", false,
                    "pekko.persistence.cassandra.snapshot.keyspace-autocreate", false,
                    "pekko.persistence.cassandra.snapshot.tables-autocreate", false,
                    "pekko.persistence.cassandra.journal.keyspace", prefix + "_journal",
                    "pekko.persistence.cassandra.snapshot.keyspace", prefix + "_snapshot",
                    "bloodbridge.readside.keyspace", prefix + "_readside",
                    "pekko.projection.cassandra.offset-store.keyspace", prefix + "_projection"))) {
                String donorId = DonorApiTest.registerDonor(server, "CD", DonorApiTest.newResidentId());
                assertEquals(200, server.get("/api/v1/donors/" + donorId).statusCode());
                // The projection wrote the donor's summary and its offset: the read side's tables are right too.
                awaitTrue(() -> session.execute("SELECT donor_id FROM " + prefix + "_readside.donor_summaries").all()
                        .stream().anyMatch(row -> donorId.equals(row.getString("donor_id"))), "the donor's summary");
                awaitTrue(() -> session.execute("SELECT projection_name FROM " + prefix + "_projection.offset_store")
                        .one() != null, "a projection offset");
            }
            assertEquals(Set.of(), tables(session, "journal_" + prefix), "the node created no keyspace of its own");
        }
    }
}
