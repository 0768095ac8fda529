package org.bloodbridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The console's own files (classpath {@code console/}) and their version: a hash of all of them,
 * so that a change to any module gives every module a new address ({@code /console/v/<version>/...},
 * cacheable for ever) and {@code index.html}, the one file revalidated, names it.
 */
final class ConsoleAssets {
    static final String PLACEHOLDER = "__CONSOLE_VERSION__";
    private static final String DIRECTORY = "console/";

    private final String version;
    private final String indexHtml;

    private ConsoleAssets(String version, String indexHtml) {
        this.version = version;
        this.indexHtml = indexHtml;
    }

    static ConsoleAssets load() {
        Map<String, byte[]> files = read(ConsoleAssets.class.getClassLoader());
        byte[] index = files.get(DIRECTORY + "index.html");
        if (index == null) {
            throw new IllegalStateException("console/index.html is not on the classpath");
        }
        String version = hash(files);
        return new ConsoleAssets(version, new String(index, StandardCharsets.UTF_8).replace(PLACEHOLDER, version));
    }

    /** 12 hex digits of the SHA-256 over every file's name and content. */
    String version() {
        return version;
    }

    /** The page, naming the versioned addresses of its script and style. */
    String indexHtml() {
        return indexHtml;
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((name, bytes) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file under {@code console/}, by its classpath name, sorted: from a directory (tests, IDE) or the jar. */
    private static Map<String, byte[]> read(ClassLoader loader) {
        URL url = loader.getResource(DIRECTORY + "index.html");
        if (url == null) {
            throw new IllegalStateException("console/index.html is not on the classpath");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try {
            if (url.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        if (!entry.isDirectory() && entry.getName().startsWith(DIRECTORY)) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                files.put(entry.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            } else {
                Path root = Path.of(url.toURI()).getParent();
                try (var paths = Files.walk(root)) {
                    for (Path file : paths.filter(Files::isRegularFile).toList()) {
                        String name = DIRECTORY + root.relativize(file).toString().replace('\\', '/');
                        files.put(name, Files.readAllBytes(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }
}
