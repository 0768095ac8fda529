package org.bloodbridge.engine.typing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one way to read a shipped (classpath) text resource, for every module: the typing tables,
 * the CQL scripts, the dev Cassandra's configuration, the OpenAPI document. Also reads the
 * operator-supplied (file) typing tables as lines.
 */
public final class Resources {
    private Resources() {}

    /**
     * A classpath resource as UTF-8 text. {@code classpathResource} is absolute, with or without
     * its leading slash ({@code /openapi.json}, {@code cql/readside.cql}).
     *
     * @throws IllegalStateException when it is not on the classpath
     */
    public static String text(String classpathResource) {
        String absolute = classpathResource.startsWith("/") ? classpathResource : "/" + classpathResource;
        try (InputStream in = Resources.class.getResourceAsStream(absolute)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + absolute);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + absolute, e);
        }
    }

    /** A classpath resource's lines (see {@link #text(String)}). */
    public static List<String> lines(String classpathResource) {
        return text(classpathResource).lines().toList();
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
