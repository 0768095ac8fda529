package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.bloodbridge.engine.typing.Resources;

/**
 * Creates the read-side keyspace and tables for dev and tests, from cql/readside.cql itself so the
 * two never differ: the tables as written there, in the configured keyspace, which gets one replica
 * (production applies the file, with its replication, once). {@link #statements} also splits the
 * production scripts for {@code bin/bloodbridge schema}.
 */
public final class ReadSideSchema {
    static final String RESOURCE = "cql/readside.cql";
    private static final String PRODUCTION_KEYSPACE = "bloodbridge_readside";

    private ReadSideSchema() {}

    static CompletionStage<Done> create(CassandraSession session, String keyspace) {
        List<String> statements = new ArrayList<>();
        statements.add("CREATE KEYSPACE IF NOT EXISTS " + keyspace
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        for (String statement : statements(Resources.text(RESOURCE))) {
            if (!statement.startsWith("CREATE KEYSPACE")) {
                statements.add(statement.replace(PRODUCTION_KEYSPACE + ".", keyspace + "."));
            }
        }
        // One after the other: concurrent schema changes can disagree on column ids.
        CompletionStage<Done> done = CompletableFuture.completedFuture(Done.getInstance());
        for (String statement : statements) {
            // Creating a keyspace can take longer than the driver's default 2 s on a busy machine.
            SimpleStatement ddl = SimpleStatement.builder(statement).setTimeout(Duration.ofSeconds(30)).build();
            done = done.thenCompose(previous -> session.underlying())
                    .thenCompose(cql -> cql.executeAsync(ddl))
                    .thenApply(result -> Done.getInstance());
        }
        return done;
    }

    /** The statements of a CQL script with {@code --} comment lines: split at each {@code ;}. */
    public static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }
}
