package org.bloodbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code bin/bloodbridge import FILE}: uploads an NDJSON file to a running node's
 * {@code POST /api/v1/import}, then follows the job to the end and prints its report, with a
 * progress bar for each (the server reads the upload as fast as it imports, but socket buffers
 * absorb megabytes, so the upload bar alone would finish early).
 * The access token of a registry admin comes from {@code BLOODBRIDGE_TOKEN} (e.g.
 * {@code export BLOODBRIDGE_TOKEN=$(bin/bloodbridge token --centre CQ --roles registry-admin)}).
 * Exit status: 0 every line accepted, 2 some lines rejected (listed), 1 the import failed.
 */
public final class ImportCommand {
    private static final int SHOWN_REJECTIONS = 20;

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI server;
    private final String token;
    private final PrintStream out;

    ImportCommand(URI server, String token, PrintStream out) {
        this.server = server;
        this.token = token;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: bin/bloodbridge import FILE   (NDJSON, one donor per line; server from BLOODBRIDGE_URL)");
            System.exit(64);
        }
        String port = System.getenv().getOrDefault("BLOODBRIDGE_HTTP_PORT", "8080");
        URI server = URI.create(System.getenv().getOrDefault("BLOODBRIDGE_URL", "http://127.0.0.1:" + port));
        String token = System.getenv("BLOODBRIDGE_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("BLOODBRIDGE_TOKEN is not set: export BLOODBRIDGE_TOKEN=$(bin/bloodbridge token --centre CD --roles registry-admin)");
            System.exit(64);
        }
        System.exit(new ImportCommand(server, token.trim(), System.out).run(Path.of(args[0])));
    }

    int run(Path file) throws IOException, InterruptedException {
        long lines;
        try (var stream = Files.lines(file)) {
            lines = stream.filter(line -> !line.isBlank()).count();
        }
        ProgressBarBuilder bar = new ProgressBarBuilder().setTaskName("Uploading " + file.getFileName())
                .setInitialMax(Files.size(file)).setUnit("MB", 1_048_576).setStyle(ProgressBarStyle.ASCII);
        HttpRequest upload = request("/api/v1/import")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> wrap(file, bar)))
                .build();
        HttpResponse<String> accepted = client.send(upload, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = Json.MAPPER.readTree(accepted.body());
        if (accepted.statusCode() != 202) {
            out.println("import refused: HTTP " + accepted.statusCode() + " " + answer.path("message").asText());
            return 1;
        }
        return report(awaitDone(answer.get("jobId").asText(), lines));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).header("Authorization", "Bearer " + token);
    }

    private static InputStream wrap(Path file, ProgressBarBuilder bar) {
        try {
            return ProgressBar.wrap(Files.newInputStream(file), bar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines may still be in flight after the 202; the job says when they are done. */
    private JsonNode awaitDone(String jobId, long lines) throws IOException, InterruptedException {
        HttpRequest progress = request("/api/v1/import/" + jobId).GET().build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Importing").setInitialMax(lines)
                .setUnit(" lines", 1).setStyle(ProgressBarStyle.ASCII).build()) {
            while (true) {
                JsonNode job = Json.MAPPER.readTree(client.send(progress, HttpResponse.BodyHandlers.ofString()).body());
                bar.stepTo(job.path("accepted").asLong() + job.path("rejected").asLong());
                if (job.path("done").asBoolean() || Instant.now().isAfter(deadline)) {
                    return job;
                }
                Thread.sleep(200); // polling interval
            }
        }
    }

    private int report(JsonNode job) {
        out.printf("lines %d, accepted %d (new donors %d, records added %d, already present %d), "
                        + "rule violations %d, rejected %d%n",
                job.path("linesRead").asLong(), job.path("accepted").asLong(), job.path("created").asLong(),
                job.path("added").asLong(), job.path("skipped").asLong(), job.path("ruleViolations").asLong(),
                job.path("rejected").asLong());
        if (!job.path("done").asBoolean() || !job.path("failure").isNull()) {
            out.println("import failed: " + job.path("failure").asText("not done after 10 minutes"));
            return 1;
        }
        int shown = 0;
        for (JsonNode rejection : job.path("rejections")) {
            if (shown++ == SHOWN_REJECTIONS) {
                out.println("  ... (GET /api/v1/import/" + job.path("jobId").asText() + " lists them all)");
                break;
            }
            out.printf("  line %d: %s%s: %s%n", rejection.path("line").asLong(), rejection.path("error").asText(),
                    rejection.hasNonNull("field") ? " " + rejection.get("field").asText() : "",
                    rejection.path("message").asText());
        }
        return job.path("rejected").asLong() == 0 ? 0 : 2;
    }
}
