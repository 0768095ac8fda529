package org.bloodbridge.persistence;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bloodbridge.engine.typing.Resources;
import org.bloodbridge.persistence.readside.ReadSideSchema;

/**
 * {@code bin/bloodbridge schema}: creates the production schema (persistence/src/main/resources/cql)
 * in the Cassandra at {@code BLOODBRIDGE_CASSANDRA}, one statement after the other, each followed by
 * a wait for schema agreement. Idempotent: every statement is {@code IF NOT EXISTS}. Exit status 0
 * when the schema is in place, 1 otherwise.
 */
public final class SchemaCommand {
    /** The four production scripts, in order, and the part of the keyspace name after the prefix. */
    public static final List<String> PARTS = List.of("journal", "snapshot", "readside", "projection");
    static final String DEFAULT_PREFIX = "bloodbridge";
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CREATE_TABLE =
            Pattern.compile("^CREATE TABLE IF NOT EXISTS (\\w+)\\.(\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_KEYSPACE =
            Pattern.compile("^CREATE KEYSPACE IF NOT EXISTS (\\w+)", Pattern.CASE_INSENSITIVE);

    static final String HELP = """
            usage: bin/bloodbridge schema [--replication MAP] [--keyspace-prefix PREFIX]

            Creates Bloodbridge's keyspaces and tables (the journal, snapshot, read-side and projection
            scripts of persistence/src/main/resources/cql) in the Cassandra at BLOODBRIDGE_CASSANDRA
            (host:port,...), one statement at a time, waiting for schema agreement after each. Run it once
            before the first node starts, then run the nodes with BLOODBRIDGE_SCHEMA_AUTOCREATE=false.
            Running it again changes nothing (IF NOT EXISTS); an existing keyspace keeps its replication.

              --replication MAP        the replication of every keyspace, in CQL, default
                                       "{'class': 'NetworkTopologyStrategy', '<local DC>': 3}"
              --keyspace-prefix PREFIX keyspaces PREFIX_journal, PREFIX_snapshot, PREFIX_readside,
                                       PREFIX_projection (default bloodbridge; the nodes must be
                                       configured with the same names)

            Environment: BLOODBRIDGE_CASSANDRA (required), BLOODBRIDGE_CASSANDRA_DC (the local data centre,
            default datacenter1).

            Consistency the nodes use, which the replication must allow (3 replicas: 2 must answer):
              journal (events, tag views)   LOCAL_QUORUM writes and reads
              snapshots                     LOCAL_QUORUM
              projection offsets            LOCAL_QUORUM
              read side                     LOCAL_QUORUM
            (persistence.conf sets each plugin's driver profile; with several data centres, give each
            its replicas in MAP.)

            Exit status: 0 the schema is in place, 1 it is not (the message says why).
            """;

    private final List<InetSocketAddress> contactPoints;
    private final String localDc;
    private final String replication;
    private final String prefix;
    private final PrintStream out;

    SchemaCommand(List<InetSocketAddress> contactPoints, String localDc, String replication, String prefix,
                  PrintStream out) {
        this.contactPoints = contactPoints;
        this.localDc = localDc;
        this.replication = replication;
        this.prefix = prefix;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Parses the arguments and environment, applies the schema; the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String localDc = env.getOrDefault("BLOODBRIDGE_CASSANDRA_DC", "").isBlank()
                ? "datacenter1" : env.get("BLOODBRIDGE_CASSANDRA_DC").trim();
        String replication = defaultReplication(localDc);
        String prefix = DEFAULT_PREFIX;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                out.print(HELP);
                return 0;
            }
            if ((arg.equals("--replication") || arg.equals("--keyspace-prefix")) && i + 1 < args.length) {
                String value = args[++i].trim();
                if (arg.equals("--replication")) {
                    replication = value;
                } else {
                    prefix = value;
                }
            } else {
                err.println("unknown or incomplete argument: " + arg);
                err.print(HELP);
                return 1;
            }
        }
        if (!replication.startsWith("{") || !replication.endsWith("}") || !replication.contains("'class'")) {
            err.println("--replication must be a CQL map with a 'class', e.g. "
                    + defaultReplication(localDc) + "; got: " + replication);
            return 1;
        }
        if (!prefix.matches("[A-Za-z][A-Za-z0-9_]{0,30}")) {
            err.println("--keyspace-prefix must be a letter then letters, digits or _ (at most 31); got: " + prefix);
            return 1;
        }
        String cassandra = env.getOrDefault("BLOODBRIDGE_CASSANDRA", "").trim();
        if (cassandra.isEmpty()) {
            err.println("BLOODBRIDGE_CASSANDRA is not set: give the production Cassandra's contact points (host:port,...)");
            return 1;
        }
        List<InetSocketAddress> contactPoints;
        try {
            contactPoints = contactPoints(cassandra);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            new SchemaCommand(contactPoints, localDc, replication, prefix, out).apply();
            return 0;
        } catch (RuntimeException e) {
            err.println("schema not applied: " + e);
            return 1;
        }
    }

    static String defaultReplication(String localDc) {
        return "{'class': 'NetworkTopologyStrategy', '" + localDc + "': 3}";
    }

    public static List<InetSocketAddress> contactPoints(String hostPorts) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String hostPort : hostPorts.split("\\s*,\\s*")) {
            int colon = hostPort.lastIndexOf(':');
            try {
                addresses.add(colon < 0
                        ? new InetSocketAddress(hostPort, 9042)
                        : new InetSocketAddress(hostPort.substring(0, colon),
                                Integer.parseInt(hostPort.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("BLOODBRIDGE_CASSANDRA: not host:port: " + hostPort);
            }
        }
        return addresses;
    }

    /** The keyspace a script's statements go to. */
    String keyspace(String part) {
        return prefix + "_" + part;
    }

    /** Every statement, in order: the scripts' own, with this command's keyspace names and replication. */
    List<String> statements() {
        List<String> statements = new ArrayList<>();
        for (String part : PARTS) {
            String productionKeyspace = DEFAULT_PREFIX + "_" + part;
            for (String statement : ReadSideSchema.statements(Resources.text("cql/" + part + ".cql"))) {
                Matcher keyspace = CREATE_KEYSPACE.matcher(statement);
                if (keyspace.find()) {
                    if (!keyspace.group(1).equals(productionKeyspace)) {
                        throw new IllegalStateException(part + ".cql creates " + keyspace.group(1));
                    }
                    statements.add("CREATE KEYSPACE IF NOT EXISTS " + keyspace(part) + " WITH replication = " + replication);
                } else {
                    statements.add(statement.replace(productionKeyspace + ".", keyspace(part) + "."));
                }
            }
        }
        return statements;
    }

    void apply() {
        List<String> statements = statements();
        try (CqlSession session = CqlSession.builder()
                .addContactPoints(contactPoints)
                .withLocalDatacenter(localDc)
                // The driver's defaults only: not the nodes' application.conf (reconnect-on-init would hang here).
                .withConfigLoader(DriverConfigLoader.fromString("""
                        datastax-java-driver {
                          basic.request.timeout = 60s
                          advanced.control-connection.schema-agreement.timeout = 30s
                        }
                        """))
                .build()) {
            out.println("Connected to " + session.getMetadata().getClusterName().orElse("Cassandra")
                    + " (local data centre " + localDc + "); replication " + replication);
            for (String statement : statements) {
                execute(session, statement);
            }
            out.println("Schema in place: " + String.join(", ", PARTS.stream().map(this::keyspace).toList())
                    + ". Run the nodes with BLOODBRIDGE_SCHEMA_AUTOCREATE=false.");
        }
    }

    private void execute(CqlSession session, String statement) {
        Matcher keyspace = CREATE_KEYSPACE.matcher(statement);
        Matcher table = CREATE_TABLE.matcher(statement);
        boolean isKeyspace = keyspace.find();
        String what;
        boolean existed;
        if (isKeyspace) {
            what = "keyspace " + keyspace.group(1);
            existed = keyspaceReplication(session, keyspace.group(1)).isPresent();
        } else if (table.find()) {
            what = "table " + table.group(1) + "." + table.group(2);
            existed = session.execute(SimpleStatement.newInstance(
                    "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
                    table.group(1), table.group(2))).one() != null;
        } else {
            throw new IllegalStateException("not a CREATE ... IF NOT EXISTS statement: " + statement);
        }
        ResultSet result = session.execute(SimpleStatement.builder(statement).setTimeout(DDL_TIMEOUT).build());
        if (!result.getExecutionInfo().isSchemaInAgreement()) {
            awaitSchemaAgreement(session, what);
        }
        if (existed) {
            out.println("exists   " + what + (isKeyspace ? replicationNote(session, keyspace.group(1)) : ""));
        } else {
            out.println("created  " + what);
        }
    }

    private String replicationNote(CqlSession session, String keyspace) {
        return keyspaceReplication(session, keyspace).map(r -> " (replication " + r + ", left as it is)").orElse("");
    }

    private static Optional<Map<String, String>> keyspaceReplication(CqlSession session, String keyspace) {
        Row row = session.execute(SimpleStatement.newInstance(
                "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)).one();
        return Optional.ofNullable(row).map(r -> r.getMap("replication", String.class, String.class));
    }

    private static void awaitSchemaAgreement(CqlSession session, String what) {
        Instant deadline = Instant.now().plus(AGREEMENT_TIMEOUT);
        while (!session.checkSchemaAgreement()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the Cassandra nodes did not agree on the schema within "
                        + AGREEMENT_TIMEOUT.toSeconds() + " s after creating " + what
                        + " (check `nodetool describecluster`, then run again)");
            }
            try {
                Thread.sleep(500); // polling interval between schema agreement checks
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
