package org.bloodbridge.bench;

import static org.bloodbridge.bench.Harness.json;
import static org.bloodbridge.bench.Harness.ms;
import static org.bloodbridge.bench.Harness.option;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Freshness of matching: how long after {@code POST /api/v1/donors} is acknowledged (201) a match
 * request first proposes the new donor. {@code --probes} times (default 50): registers a donor with
 * an HLA-A/-B typing no synthetic donor has (one of 8 x 12 pairs of antigens absent from the Han
 * tables, e.g. A80 B78), then at once and in a loop posts a platelet match request for a patient with
 * exactly that typing, requested by the donor's home centre, until the donor is among the candidates.
 * Records ack -> the answer that first contains the donor (an upper bound: the donor may have become
 * visible while that request was already on its way) in an HdrHistogram.
 *
 * <p>With {@code --standing}: the freshness of standing requests (domain-rules.md section 7). Before
 * registering each probe donor it posts a standing request for a patient with exactly that typing,
 * then reads that request ({@code GET /api/v1/match-requests/{id}}) in a loop until the donor is one
 * of its candidates (appended by the engine, no new search), and cancels it. Records ack -> the read
 * that first shows the donor.
 *
 * <p>Each probe donor gets a fresh valid national ID from {@code --id-start} on (default: from the
 * clock, above EligibilityLoad's range); an ID already registered (409) is skipped. Pairs repeat every
 * 96 probes, so earlier probes (and earlier runs) can share a typing: {@code maxCandidates} is 200.
 * <pre>
 * java -cp bench/target/benchmarks.jar org.bloodbridge.bench.FreshnessProbe --url http://127.0.0.1:8080 --centres CD,CQ --probes 50
 * </pre>
 */
public final class FreshnessProbe {
    private static final LocalDate BIRTH = LocalDate.of(1980, 1, 1);
    /** Serological antigens no allele of HanFrequencies' tables maps to (checked against IMGT/HLA 3.58.0 rel_dna_ser). */
    private static final List<String> RARE_A = List.of("A80", "A43", "A36", "A34", "A66", "A74", "A25", "A69");
    private static final List<String> RARE_B = List.of("B78", "B82", "B81", "B73", "B59", "B41", "B42", "B47", "B53",
            "B45", "B49", "B50");
    private static final String[] ABO = {"O", "A", "B", "AB"};

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    private FreshnessProbe(String url) {
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        String url = option(args, "--url", "http://127.0.0.1:8080");
        int probes = Integer.parseInt(option(args, "--probes", "50"));
        List<String> centres = Arrays.asList(option(args, "--centres", "CD,CQ").split(","));
        long timeoutMs = Long.parseLong(option(args, "--timeout-ms", "30000"));
        boolean standing = Arrays.asList(args).contains("--standing");
        // EligibilityLoad uses 0..100,000; residentId needs n < 100,000,000.
        int idStart = Integer.parseInt(option(args, "--id-start",
                String.valueOf(50_000_000 + (int) ((System.currentTimeMillis() / 1000) % 9_000_000) * 5)));
        new FreshnessProbe(url).run(probes, centres, idStart, timeoutMs, standing);
    }

    private void run(int probes, List<String> centres, int idStart, long timeoutMs, boolean standing) throws Exception {
        Histogram freshness = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        Histogram acks = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        long matchRequests = 0;
        int notSeen = 0;
        int n = idStart;
        for (int probe = 0; probe < probes; probe++) {
            String centre = centres.get(probe % centres.size());
            String a = RARE_A.get(probe % RARE_A.size());
            String b = RARE_B.get((probe / RARE_A.size()) % RARE_B.size());
            String abo = ABO[probe % ABO.length];
            String match = """
                    {"requestingCentre": "%s", "hospital": "Freshness probe", "product": "PLATELETS_APHERESIS", "units": 1,
                     "urgency": "EMERGENCY", "neededBy": "%s", "standing": %s,
                     "patient": {"reference": "FRESH-%d", "sex": "M", "abo": "%s", "rhD": "POS",
                                 "hla": {"A": ["%s"], "B": ["%s"]}},
                     "maxCandidates": 200}
                    """.formatted(centre, LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1), standing, probe, abo, a, b);
            String standingPath = null;
            if (standing) {
                HttpResponse<String> created = post("/api/v1/match-requests", match);
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("a standing request answered " + created.statusCode() + ": " + created.body());
                }
                standingPath = "/api/v1/match-requests/" + json(created.body()).path("requestId").asText();
            }
            String donorId = null;
            long acked = 0;
            while (donorId == null) {
                String nationalId = EligibilityLoad.residentId(n);
                String sex = (n % 1000) % 2 == 1 ? "M" : "F";
                String body = """
                        {"centre": "%s", "idType": "CN_RIC", "nationalId": "%s", "sex": "%s", "birthDate": "%s", "weightKg": 65,
                         "abo": "%s", "rhD": "POS", "hla": {"A": ["%s"], "B": ["%s"]}}
                        """.formatted(centre, nationalId, sex, BIRTH.plusDays(n % 7000), abo, a, b);
                n++;
                long sent = System.nanoTime();
                HttpResponse<String> response = post("/api/v1/donors", body);
                acked = System.nanoTime();
                if (response.statusCode() == 201) {
                    donorId = json(response.body()).path("donorId").asText();
                    acks.recordValue(acked - sent);
                } else if (response.statusCode() != 409) {
                    throw new IllegalStateException("registration answered " + response.statusCode() + ": " + response.body());
                }
            }
            boolean seen = false;
            while (!seen && System.nanoTime() - acked < TimeUnit.MILLISECONDS.toNanos(timeoutMs)) {
                HttpResponse<String> response = standing ? get(standingPath) : post("/api/v1/match-requests", match);
                matchRequests++;
                if (response.statusCode() != (standing ? 200 : 201)) { // a read answers 200, a new match 201
                    continue;
                }
                for (JsonNode candidate : json(response.body()).path("candidates")) {
                    if (donorId.equals(candidate.path("donorId").asText())) {
                        seen = true;
                        break;
                    }
                }
            }
            if (seen) {
                freshness.recordValue(System.nanoTime() - acked);
            } else { // counted at the timeout, a lower bound, so that a probe never seen can never pass the target
                notSeen++;
                freshness.recordValue(TimeUnit.MILLISECONDS.toNanos(timeoutMs));
            }
            if (standing) {
                post(standingPath + "/cancel", "{}");
            }
        }
        String what = standing ? "standing-freshness" : "freshness";
        System.out.printf(Locale.ROOT,
                "%s (register ack -> %s), %d probes: p50 %.1f ms  p99 %.1f ms  max %.1f ms; "
                        + "not seen within %d ms: %d; %,d requests; registration ack p50 %.1f ms%n",
                what, standing ? "first read of the standing request listing the donor" : "first match answer proposing the donor",
                probes, ms(freshness.getValueAtPercentile(50)), ms(freshness.getValueAtPercentile(99)),
                ms(freshness.getMaxValue()), timeoutMs, notSeen, matchRequests, ms(acks.getValueAtPercentile(50)));
        System.out.printf(Locale.ROOT, "RESULT %s probes=%d p50=%.1f p99=%.1f max=%.1f notSeen=%d%n",
                what, probes, ms(freshness.getValueAtPercentile(50)), ms(freshness.getValueAtPercentile(99)),
                ms(freshness.getMaxValue()), notSeen);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(Harness.request(URI.create(url + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(Harness.request(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
