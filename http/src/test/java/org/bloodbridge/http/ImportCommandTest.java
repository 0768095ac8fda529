package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/bloodbridge import FILE} against a real node. */
class ImportCommandTest extends OneServerPerClass {

    private static String line(String nationalId) {
        return DonorApiTest.registration("CQ", nationalId, "M", "1990-05-01").replace("\n", " ");
    }

    @Test
    void uploadsWaitsAndReportsWithAnExitStatus(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("donors.ndjson");
        String first = DonorApiTest.newResidentId();
        Files.write(file, List.of(line(first), line(DonorApiTest.newResidentId()), "{\"centre\": \"CQ\"}"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ImportCommand command = new ImportCommand(server.uri("/"), TestTokens.federation(), new PrintStream(output, true, StandardCharsets.UTF_8));

        assertEquals(2, command.run(file), "a rejected line makes the exit status 2");
        String report = output.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("accepted 2 (new donors 2"), report);
        assertTrue(report.contains("line 3: invalid sex: sex is required"), report);
        assertEquals(200, server.post("/api/v1/donors/lookup", "{\"nationalId\": \"" + first + "\"}").statusCode());

        Files.write(file, List.of(line(first)));
        assertEquals(0, command.run(file), "every line accepted (already present: merged)");
    }
}
