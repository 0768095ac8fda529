package org.bloodbridge.persistence.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCassandraTest {

    @Test
    void startsAndAnswersCql() {
        try (CqlSession session = TestCassandra.shared().openSession()) {
            String version = session.execute("SELECT release_version FROM system.local").one().getString(0);
            assertTrue(version.startsWith("5.0"), version);
        }
    }

    @Test
    void dataSurvivesARestartOnTheSameDataDirectory(@TempDir Path dataDir) {
        DevCassandra.Settings settings = DevCassandra.Settings.forTests(dataDir);
        try (DevCassandra cassandra = DevCassandra.start(settings); CqlSession session = cassandra.openSession()) {
            session.execute("CREATE KEYSPACE restart_test"
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE restart_test.donors (id text PRIMARY KEY, name text)");
            session.execute("INSERT INTO restart_test.donors (id, name) VALUES ('d-1', 'Ada')");
        }

        try (DevCassandra cassandra = DevCassandra.start(settings); CqlSession session = cassandra.openSession()) {
            Row row = session.execute("SELECT name FROM restart_test.donors WHERE id = 'd-1'").one();
            assertEquals("Ada", row == null ? null : row.getString("name"));
        }
    }
}
