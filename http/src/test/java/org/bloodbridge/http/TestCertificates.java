package org.bloodbridge.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys and certificates made at test time with the JDK's {@code keytool}, as docs/OPERATIONS.md
 * ("TLS") tells an operator to: a CA, a PKCS12 keystore of a node signed by it, and a trust store
 * with the CA's certificate alone. All stores and keys share one password.
 */
final class TestCertificates {
    static final String PASSWORD = "test-store-password";
    private static final Path KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool");

    private final Path dir;

    TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A CA: {@code <name>-ca.p12} (its key) and {@code <name>-ca.pem} (its certificate). */
    Path ca(String name) {
        Path store = dir.resolve(name + "-ca.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + name + " test CA, O=Bloodbridge", "-ext", "bc:c=ca:true",
                "-ext", "ku:c=keyCertSign,cRLSign", "-keystore", store.toString());
        Path pem = dir.resolve(name + "-ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-file", pem.toString());
        return store;
    }

    /** A trust store holding the certificate of {@code ca} ({@link #ca}'s result). */
    Path trustStore(Path ca, String name) {
        Path store = dir.resolve(name + ".p12");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", pem(ca).toString(), "-keystore", store.toString());
        return store;
    }

    /**
     * A keystore whose key's certificate (of {@code subject}) {@code ca} signed (for client and server use, valid for
     * 127.0.0.1 and localhost): genkeypair, certreq, gencert, then importcert of the CA and the reply.
     */
    Path node(String name, String subject, Path ca) {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", subject, "-keystore", store.toString());
        Path request = dir.resolve(name + ".csr");
        keytool("-certreq", "-alias", "node", "-keystore", store.toString(), "-file", request.toString());
        Path signed = dir.resolve(name + ".pem");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(),
                "-outfile", signed.toString(), "-validity", "2", "-ext", "ku:c=digitalSignature",
                "-ext", "eku=serverAuth,clientAuth", "-ext", "san=ip:127.0.0.1,dns:localhost");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", pem(ca).toString(), "-keystore", store.toString());
        keytool("-importcert", "-alias", "node", "-file", signed.toString(), "-keystore", store.toString());
        return store;
    }

    /** A keystore whose key's certificate signed itself (no CA vouches for it), with the given subject. */
    Path selfSigned(String name, String subject) {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", subject, "-ext", "eku=serverAuth,clientAuth", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-keystore", store.toString());
        return store;
    }

    private Path pem(Path ca) {
        return dir.resolve(ca.getFileName().toString().replace(".p12", ".pem"));
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(KEYTOOL.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (List.of(args).contains("-genkeypair")) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + KEYTOOL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
