package org.bloodbridge.bench;

import static org.bloodbridge.bench.Harness.json;
import static org.bloodbridge.bench.Harness.ms;
import static org.bloodbridge.bench.Harness.option;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.bloodbridge.bench.data.MatchPatients;
import org.bloodbridge.engine.typing.HlaReference;

/**
 * Match requests against a running server, closed loop: {@code --clients} threads each send
 * {@code POST /api/v1/match-requests} and the next as soon as the answer is in, for {@code --warmup}
 * seconds (not counted), then for {@code --seconds}. Patients come from {@link MatchPatients}
 * ({@code --product PLATELETS_APHERESIS}, the default, or {@code RED_CELLS}); the requesting centre is
 * drawn from {@code --centres}, which must be the server's. Prints matches/s, latency percentiles,
 * the mean number of candidates per answer, how many answers missed a centre ({@code centresMissing}
 * not empty) and the count of each non-201 status. With {@code --metrics} (the node's management
 * {@code /metrics}) also the node's Cassandra operations per match over the measured seconds.
 * {@code --mfi}: the platelet patients' HLA antibodies carry MFIs below the cut-off, so they rank by
 * dsaMfi instead of excluding.
 *
 * <p>Closed loop: latency is per request as the client saw it, and throughput is what
 * {@code --clients} clients get (a stalled server slows the clients rather than queueing requests).
 * <pre>
 * java -cp bench/target/benchmarks.jar org.bloodbridge.bench.MatchLoad --url http://127.0.0.1:8080 \
 *     --clients 20 --seconds 30 --product PLATELETS_APHERESIS --centres CD,CQ
 * </pre>
 */
public final class MatchLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String url = option(args, "--url", "http://127.0.0.1:8080");
        int clients = Integer.parseInt(option(args, "--clients", "1"));
        int seconds = Integer.parseInt(option(args, "--seconds", "30"));
        int warmup = Integer.parseInt(option(args, "--warmup", "10"));
        String product = option(args, "--product", "PLATELETS_APHERESIS");
        List<String> centres = Arrays.asList(option(args, "--centres", "CD,CQ").split(","));
        int maxCandidates = Integer.parseInt(option(args, "--max-candidates", "20"));
        long seed = Long.parseLong(option(args, "--seed", "1"));
        String metrics = option(args, "--metrics", null);
        if (!product.equals("PLATELETS_APHERESIS") && !product.equals("RED_CELLS")) {
            throw new IllegalArgumentException("--product is PLATELETS_APHERESIS or RED_CELLS, not " + product);
        }

        MatchPatients patients = new MatchPatients(HlaReference.loadDefault(), Arrays.asList(args).contains("--mfi"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf(Locale.ROOT, "match load: %s, %d client(s), %s, centres %s, maxCandidates %d: %d s warm-up, %d s measured%n",
                url, clients, product, String.join(",", centres), maxCandidates, warmup, seconds);

        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Client client = new Client(http, url, product, centres, maxCandidates, patients, new SplittableRandom(seed * 1000 + c),
                    "LOAD-" + c + "-", warmupEnd, end);
            all.add(client);
            Thread thread = new Thread(client, "match-client-" + c);
            threads.add(thread);
            thread.start();
        }
        // The node's Cassandra requests over the measured seconds (all of them: the matches', and the
        // projections' and health checks' meanwhile), read from its GET /metrics when --metrics names it.
        double opsAtStart = 0;
        if (metrics != null) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, warmupEnd - System.nanoTime()));
            opsAtStart = CassandraOps.requests(http, URI.create(metrics));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double ops = metrics == null ? Double.NaN : CassandraOps.requests(http, URI.create(metrics)) - opsAtStart;

        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long answers = 0;
        long candidates = 0;
        long missing = 0;
        long failures = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        Map<String, Long> missingCentres = new TreeMap<>();
        for (Client client : all) {
            latency.add(client.latency);
            answers += client.answers;
            candidates += client.candidates;
            missing += client.missingAnswers;
            failures += client.failures;
            client.statuses.forEach((status, n) -> statuses.merge(status, n, Long::sum));
            client.missingCentres.forEach((centre, n) -> missingCentres.merge(centre, n, Long::sum));
        }
        long requests = latency.getTotalCount();
        System.out.printf(Locale.ROOT,
                "%s, %d client(s): %,d requests in %d s = %,.0f matches/s; latency ms p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                product, clients, requests, seconds, requests / (double) seconds,
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()));
        System.out.printf(Locale.ROOT,
                "  201 answers %,d: mean candidates %.1f, answers with centresMissing %,d %s; non-201 %s; transport failures %,d%n",
                answers, answers == 0 ? 0.0 : candidates / (double) answers, missing,
                missingCentres.isEmpty() ? "" : missingCentres, statuses.isEmpty() ? "none" : statuses, failures);
        // One machine-readable line for scripts.
        System.out.printf(Locale.ROOT,
                "RESULT product=%s clients=%d requests=%d rate=%.1f p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f meanCandidates=%.1f centresMissing=%d non201=%d%n",
                product, clients, requests, requests / (double) seconds, ms(latency.getValueAtPercentile(50)),
                ms(latency.getValueAtPercentile(90)), ms(latency.getValueAtPercentile(99)),
                ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()),
                answers == 0 ? 0.0 : candidates / (double) answers, missing,
                statuses.values().stream().mapToLong(Long::longValue).sum() + failures);
        if (metrics != null) {
            System.out.printf(Locale.ROOT, "RESULT cassandra-ops-per-match product=%s clients=%d ops=%.0f matches=%d perMatch=%.1f%n",
                    product, clients, ops, requests, requests == 0 ? 0.0 : ops / requests);
        }
    }

    /** One closed-loop client: the next request goes out when the previous answer is in. */
    private static final class Client implements Runnable {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final Map<Integer, Long> statuses = new TreeMap<>();
        final Map<String, Long> missingCentres = new TreeMap<>();
        long answers;
        long candidates;
        long missingAnswers;
        long failures;

        private final HttpClient http;
        private final URI uri;
        private final String product;
        private final List<String> centres;
        private final int maxCandidates;
        private final MatchPatients patients;
        private final SplittableRandom random;
        private final String referencePrefix;
        private final long warmupEnd;
        private final long end;

        Client(HttpClient http, String url, String product, List<String> centres, int maxCandidates, MatchPatients patients,
               SplittableRandom random, String referencePrefix, long warmupEnd, long end) {
            this.http = http;
            this.uri = URI.create(url + "/api/v1/match-requests");
            this.product = product;
            this.centres = centres;
            this.maxCandidates = maxCandidates;
            this.patients = patients;
            this.random = random;
            this.referencePrefix = referencePrefix;
            this.warmupEnd = warmupEnd;
            this.end = end;
        }

        @Override
        public void run() {
            for (long n = 0; ; n++) {
                String body = body(n);
                long start = System.nanoTime();
                if (start >= end) {
                    return;
                }
                HttpResponse<String> response;
                try {
                    response = http.send(Harness.request(uri).timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    if (start >= warmupEnd) {
                        latency.recordValue(Math.min(System.nanoTime() - start, latency.getHighestTrackableValue()));
                        failures++;
                    }
                    continue;
                }
                long took = System.nanoTime() - start;
                if (start < warmupEnd) {
                    continue;
                }
                latency.recordValue(Math.min(took, latency.getHighestTrackableValue()));
                if (response.statusCode() != 201) {
                    statuses.merge(response.statusCode(), 1L, Long::sum);
                    continue;
                }
                JsonNode answer = json(response.body());
                answers++;
                candidates += answer.path("candidates").size();
                JsonNode missing = answer.path("centresMissing");
                if (missing.size() > 0) {
                    missingAnswers++;
                    missing.forEach(centre -> missingCentres.merge(centre.asText(), 1L, Long::sum));
                }
            }
        }

        private String body(long n) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("requestingCentre", centres.get(random.nextInt(centres.size())));
            request.put("hospital", "Bench Hospital");
            request.put("product", product);
            request.put("units", 1 + random.nextInt(2));
            request.put("urgency", random.nextInt(4) == 0 ? "EMERGENCY" : "URGENT");
            request.put("neededBy", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString());
            String reference = referencePrefix + n;
            request.put("patient", product.equals("RED_CELLS") ? patients.redCells(random, reference)
                    : patients.platelets(random, reference));
            request.put("maxCandidates", maxCandidates);
            try {
                return JSON.writeValueAsString(request);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
