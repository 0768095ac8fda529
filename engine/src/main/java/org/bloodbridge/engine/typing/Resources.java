package org.bloodbridge.engine.typing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the shipped (classpath) and operator-supplied (file) typing tables as lines. */
final class Resources {
    private Resources() {}

    static List<String> lines(String classpathResource) {
        try (InputStream in = Resources.class.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + classpathResource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathResource, e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
