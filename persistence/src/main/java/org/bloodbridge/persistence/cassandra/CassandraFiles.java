package org.bloodbridge.persistence.cassandra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bloodbridge.engine.typing.Resources;

/**
 * The files a dev/test Cassandra needs under its data directory: configuration in {@code conf/}
 * (rewritten at every start from the templates in resources/cassandra) and logs in {@code logs/}.
 */
record CassandraFiles(Path dataDir) {

    CassandraFiles {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    Path confDir() {
        return dataDir.resolve("conf");
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    Path yaml() {
        return confDir().resolve("cassandra.yaml");
    }

    Path jvmOptions() {
        return confDir().resolve("jvm17.options");
    }

    Path logbackXml() {
        return confDir().resolve("logback.xml");
    }

    /** Where the Cassandra JVM's stdout and stderr go. */
    Path consoleLog() {
        return logDir().resolve("stdout.log");
    }

    Path systemLog() {
        return logDir().resolve("system.log");
    }

    void write(int nativePort, int storagePort) throws IOException {
        Files.createDirectories(confDir());
        Files.createDirectories(logDir());
        String yaml = resource("cassandra.yaml")
                .replace("{{DATA_DIR}}", dataDir.toString())
                .replace("{{NATIVE_PORT}}", Integer.toString(nativePort))
                .replace("{{STORAGE_PORT}}", Integer.toString(storagePort));
        Files.writeString(yaml(), yaml);
        Files.writeString(jvmOptions(), resource("jvm17.options"));
        Files.writeString(logbackXml(), resource("logback.xml"));
    }

    private static String resource(String name) {
        return Resources.text("/cassandra/" + name);
    }
}
