package org.bloodbridge.bench;

import static org.bloodbridge.bench.Harness.json;
import static org.bloodbridge.bench.Harness.ms;
import static org.bloodbridge.bench.Harness.option;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.engine.identity.NationalId;

/**
 * Load harness for joint screening against a running server (bin/bloodbridge):
 * <ol>
 *   <li>registers {@code --donors} donors (idempotent: an existing donor's 409 gives its donorId),
 *       every fourth with a whole blood donation so the rules have history to read; or, with
 *       {@code --donors-from FILE}, takes the first {@code --donors} donors of an import NDJSON file
 *       already imported into the server (their real histories; the donorId derived as the server
 *       does, see {@link Harness#donorIds}), registering nobody;</li>
 *   <li>single checks, open loop at {@code --rate} requests/s for {@code --seconds}: latency is
 *       measured from each request's scheduled start, so a stalled server cannot hide its queue
 *       (no coordinated omission);</li>
 *   <li>{@code --batches} batch checks of {@code --batch-size} donors each, reporting donors/s.</li>
 * </ol>
 * With {@code --cold-from FILE} (an import NDJSON file already imported, none of whose donors anything
 * has touched since the node started: the donation-site case, a donor returning after months), it
 * first checks each of those donors once, open loop at {@code --cold-rate} checks/s (50), before
 * anything else: the {@code eligibility-cold} figure.
 * A warm-up of {@code --warmup} seconds (default max(5, seconds / 5)) precedes the measured single
 * checks. Each measured figure is also printed as a {@code RESULT} line for scripts (bench/run-suite.sh).
 * Run: {@code java -cp bench/target/benchmarks.jar org.bloodbridge.bench.EligibilityLoad --url http://127.0.0.1:8080}
 */
public final class EligibilityLoad {
    private static final LocalDate BIRTH = LocalDate.of(1980, 1, 1);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    private EligibilityLoad(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        String url = option(args, "--url", "http://127.0.0.1:8080");
        int donors = Integer.parseInt(option(args, "--donors", "100000"));
        int rate = Integer.parseInt(option(args, "--rate", "1000"));
        int seconds = Integer.parseInt(option(args, "--seconds", "30"));
        int batchSize = Integer.parseInt(option(args, "--batch-size", "10000"));
        int batches = Integer.parseInt(option(args, "--batches", "5"));
        int warmup = Integer.parseInt(option(args, "--warmup", String.valueOf(Math.max(5, seconds / 5))));

        String donorsFrom = option(args, "--donors-from", null);
        String coldFrom = option(args, "--cold-from", null);
        int coldRate = Integer.parseInt(option(args, "--cold-rate", "50"));

        EligibilityLoad load = new EligibilityLoad(url);
        if (coldFrom != null) {
            load.coldChecks(imported(Path.of(coldFrom), Integer.MAX_VALUE, Harness.donorIds(args)), coldRate);
        }
        List<String> donorIds;
        if (donorsFrom == null) {
            donorIds = load.seed(donors);
        } else {
            donorIds = imported(Path.of(donorsFrom), donors, Harness.donorIds(args));
            load.firstTouch(donorIds);
        }
        if (warmup > 0) {
            load.singleChecks(donorIds, rate, warmup, "warm-up");
        }
        load.singleChecks(donorIds, rate, seconds, "measured");
        load.batchChecks(donorIds, batchSize, batches);
    }

    /** A valid resident ID, the same for the same n on every run. */
    static String residentId(int n) {
        String address = String.format(Locale.ROOT, "5%05d", n / 1000);
        String first17 = address + BIRTH.plusDays(n % 7000).format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format(Locale.ROOT, "%03d", n % 1000);
        return first17 + NationalId.checkCharacter(first17);
    }

    /** The donorIds of the first {@code count} lines of an import file. */
    private static List<String> imported(Path file, int count, DonorIds ids) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            List<String> donorIds = lines.limit(count).map(line -> Harness.donorIdOf(json(line), ids)).toList();
            System.out.printf(Locale.ROOT, "working set: %,d imported donors of %s%n", donorIds.size(), file);
            return donorIds;
        }
    }

    /**
     * Checks every imported donor once, in batches of 1,000, so the measured runs meet a warm working
     * set as a registering run does. Its rate is that of each donor's first check after a restart: a
     * Cassandra recovery, unless the donor's pool has already brought the record into memory (panel
     * donors: the imported match candidates are).
     */
    private void firstTouch(List<String> donorIds) {
        long start = System.nanoTime();
        int answered = 0;
        for (int from = 0; from < donorIds.size(); from += 1000) {
            List<String> chunk = donorIds.subList(from, Math.min(from + 1000, donorIds.size()));
            answered += json(post("/api/v1/eligibility/batch", batchBody(chunk)).join().body()).path("results").size();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "first touch (each donor's first check since the restart, batches of 1,000): %,d of %,d answered in %.1f s = %,.0f donors/s%n",
                answered, donorIds.size(), secs, answered / secs);
        System.out.printf(Locale.ROOT, "RESULT eligibility-first-touch donors=%d answered=%d rate=%.0f%n", donorIds.size(), answered, answered / secs);
    }

    private static String batchBody(List<String> donorIds) {
        StringBuilder body = new StringBuilder("{\"type\": \"PLATELETS_APHERESIS\", \"checks\": [");
        for (int i = 0; i < donorIds.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"donorId\": \"").append(donorIds.get(i)).append("\"}");
        }
        return body.append("]}").toString();
    }

    private List<String> seed(int count) throws Exception {
        long start = System.nanoTime();
        String[] donorIds = new String[count];
        Semaphore inFlight = new Semaphore(64);
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int i = n;
            String id = residentId(n);
            LocalDate birth = BIRTH.plusDays(n % 7000);
            String sex = (n % 1000) % 2 == 1 ? "M" : "F";
            String body = """
                    {"centre": "%s", "nationalId": "%s", "sex": "%s", "birthDate": "%s", "weightKg": 60,
                     "abo": "O", "rhD": "POS", "hla": {"A": ["A2", "A24"], "B": ["B46", "B60"]}}
                    """.formatted(n % 2 == 0 ? "CD" : "CQ", id, sex, birth);
            inFlight.acquire();
            pending.add(post("/api/v1/donors", body).thenCompose(response -> {
                JsonNode json = json(response.body());
                donorIds[i] = json.path("donorId").asText(null);
                if (donorIds[i] == null) {
                    failures.incrementAndGet();
                    return CompletableFuture.<HttpResponse<String>>completedFuture(null);
                }
                return response.statusCode() == 201 && i % 4 == 0
                        ? post("/api/v1/donors/" + donorIds[i] + "/donations",
                                "{\"centre\": \"CQ\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-09-01\", \"volumeMl\": 400}")
                        : CompletableFuture.<HttpResponse<String>>completedFuture(null);
            }).handle((ignored, failure) -> {
                if (failure != null) {
                    failures.incrementAndGet();
                }
                inFlight.release();
                return null;
            }));
            if (n > 0 && n % 20_000 == 0) {
                System.out.printf(Locale.ROOT, "  seeded %,d donors%n", n);
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "seed: %,d donors ready in %.1f s (%,.0f/s), %d failures%n",
                count, secs, count / secs, failures.get());
        List<String> ids = new ArrayList<>();
        for (String id : donorIds) {
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    private void singleChecks(List<String> donorIds, int rate, int seconds, String label) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        List<String> paths = new ArrayList<>(rate * seconds);
        for (int i = 0; i < rate * seconds; i++) {
            String donorId = donorIds.get(random.nextInt(donorIds.size()));
            paths.add(checkPath(donorId, random.nextBoolean() ? "WHOLE_BLOOD" : "PLATELETS_APHERESIS"));
        }
        openLoop(paths, rate, "single checks (" + label + ")", label.equals("measured") ? "eligibility-single" : null);
    }

    /** Each donor's first check since the node started, whole blood, once each, in file order. */
    private void coldChecks(List<String> donorIds, int rate) throws Exception {
        List<String> paths = donorIds.stream().map(donorId -> checkPath(donorId, "WHOLE_BLOOD")).toList();
        openLoop(paths, rate, "cold single checks (each donor's first since the restart, outside every panel)",
                "eligibility-cold");
    }

    private static String checkPath(String donorId, String type) {
        return "/api/v1/donors/" + donorId + "/eligibility?type=" + type;
    }

    /**
     * GETs {@code paths} open loop at {@code rate}/s: latency from each request's scheduled start, so a
     * stalled server cannot hide its queue (no coordinated omission). Prints a {@code RESULT resultKey}
     * line unless {@code resultKey} is null.
     */
    private void openLoop(List<String> paths, int rate, String label, String resultKey) throws Exception {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        AtomicInteger errors = new AtomicInteger();
        int total = paths.size();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        List<CompletableFuture<Void>> pending = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            // A request that fails outright (connect timeout on an overloaded server) is an error and
            // counts its time until the failure, like any other answer.
            pending.add(get(paths.get(i)).handle((response, failure) -> {
                synchronized (latency) {
                    latency.recordValue(System.nanoTime() - scheduled);
                }
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT,
                "%s: %,d at %d/s target, achieved %,.0f/s, errors %d; latency ms p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                label, total, rate, total / secs, errors.get(),
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()));
        if (resultKey != null) {
            System.out.printf(Locale.ROOT,
                    "RESULT %s rate=%d achieved=%.0f requests=%d errors=%d p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f%n",
                    resultKey, rate, total / secs, total, errors.get(), ms(latency.getValueAtPercentile(50)),
                    ms(latency.getValueAtPercentile(90)), ms(latency.getValueAtPercentile(99)),
                    ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()));
        }
    }

    private void batchChecks(List<String> donorIds, int batchSize, int batches) {
        if (batches <= 0) { // --batches 0: single checks only
            return;
        }
        SplittableRandom random = new SplittableRandom(7);
        List<Double> rates = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<String> batch = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                batch.add(donorIds.get(random.nextInt(donorIds.size())));
            }
            String body = batchBody(batch);
            long start = System.nanoTime();
            HttpResponse<String> response = post("/api/v1/eligibility/batch", body).join();
            double secs = (System.nanoTime() - start) / 1e9;
            int answered = json(response.body()).path("results").size();
            rates.add(answered / secs);
            System.out.printf(Locale.ROOT, "  batch %d: HTTP %d, %,d answers in %.3f s = %,.0f donors/s%n",
                    b + 1, response.statusCode(), answered, secs, answered / secs);
        }
        rates.sort(Double::compare);
        System.out.printf(Locale.ROOT, "batch checks: %d x %,d donors, median %,.0f donors/s (min %,.0f, max %,.0f)%n",
                batches, batchSize, rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1));
        System.out.printf(Locale.ROOT, "RESULT eligibility-batch batches=%d size=%d median=%.0f min=%.0f max=%.0f%n",
                batches, batchSize, rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1));
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return client.sendAsync(Harness.request(URI.create(url + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> post(String path, String body) {
        return client.sendAsync(Harness.request(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
