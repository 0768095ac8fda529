package org.bloodbridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.bloodbridge.persistence.metrics.PrometheusText;

/**
 * The Cassandra requests a node has made, from its {@code GET /metrics} (management port, e.g.
 * {@code http://127.0.0.1:8558/metrics}): read before and after a run, the difference is the run's
 * Cassandra operations (all sessions: journal, read side, health).
 * <pre>
 * java -cp bench/target/benchmarks.jar org.bloodbridge.bench.CassandraOps --metrics http://127.0.0.1:8558/metrics
 * </pre>
 * prints the count so far (scripts take differences).
 */
public final class CassandraOps {
    private CassandraOps() {}

    public static void main(String[] args) throws Exception {
        URI metrics = URI.create(Harness.option(args, "--metrics", "http://127.0.0.1:8558/metrics"));
        System.out.printf(Locale.ROOT, "%.0f%n", requests(HttpClient.newHttpClient(), metrics));
    }

    public static double requests(HttpClient client, URI metrics) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(metrics + " answered " + response.statusCode());
        }
        return PrometheusText.sum(response.body(), "cassandra_session_cql_requests_seconds_count", Map.of());
    }
}
