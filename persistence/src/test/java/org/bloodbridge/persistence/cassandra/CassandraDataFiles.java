package org.bloodbridge.persistence.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What a test Cassandra has written to disk: tables flushed to SSTables over its local-only JMX
 * port, their data files, and how often given bytes occur in them. For tests that data at rest
 * does not hold what it must not.
 */
public final class CassandraDataFiles {
    private CassandraDataFiles() {}

    /**
     * Turns off SSTable compression for every table of {@code keyspace}, so that values are stored
     * as they are and a byte scan can see them. Applies to SSTables written afterwards.
     */
    public static void disableCompression(CqlSession session, String keyspace) {
        List<Row> tables = session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?",
                keyspace).all();
        for (Row table : tables) {
            session.execute("ALTER TABLE " + keyspace + "." + table.getString("table_name")
                    + " WITH compression = {'enabled': 'false'}");
        }
    }

    /** Writes every memtable of {@code keyspace} to SSTables (nodetool flush), and returns when done. */
    public static void flush(DevCassandra cassandra, String keyspace) {
        if (cassandra.jmxPort() == 0) {
            throw new IllegalStateException("this Cassandra was started without JMX");
        }
        try {
            JMXServiceURL url = new JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + cassandra.jmxPort() + "/jmxrmi");
            try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
                MBeanServerConnection mbeans = connector.getMBeanServerConnection();
                mbeans.invoke(new ObjectName("org.apache.cassandra.db:type=StorageService"), "forceKeyspaceFlush",
                        new Object[] {keyspace, new String[0]},
                        new String[] {String.class.getName(), String[].class.getName()});
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not flush " + keyspace + " over JMX", e);
        }
    }

    /** The SSTable data files ({@code *-Data.db}) of every table of {@code keyspace}; not the commit log. */
    public static List<Path> dataFiles(DevCassandra cassandra, String keyspace) {
        Path dir = cassandra.dataDir().resolve("data").resolve(keyspace.toLowerCase());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            // Snapshot and backup copies live in subdirectories of a table's directory; they count too.
            return files.filter(f -> f.getFileName().toString().endsWith("-Data.db")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether an SSTable is stored compressed (it then has a CompressionInfo component). */
    public static boolean compressed(Path dataFile) {
        String name = dataFile.getFileName().toString();
        return Files.exists(dataFile.resolveSibling(name.replace("-Data.db", "-CompressionInfo.db")));
    }

    /**
     * The contents of {@code files}; empty if one of them is gone (compaction replaced it: list
     * the files again and retry).
     */
    public static java.util.Optional<List<byte[]>> read(List<Path> files) {
        List<byte[]> contents = new java.util.ArrayList<>();
        for (Path file : files) {
            try {
                contents.add(Files.readAllBytes(file));
            } catch (java.nio.file.NoSuchFileException e) {
                return java.util.Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return java.util.Optional.of(contents);
    }

    /** How many times {@code needle} occurs in {@code contents}, all together. */
    public static int occurrences(List<byte[]> contents, byte[] needle) {
        int count = 0;
        for (byte[] content : contents) {
            count += occurrences(content, needle);
        }
        return count;
    }

    static int occurrences(byte[] haystack, byte[] needle) {
        int count = 0;
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }
}
