package org.bloodbridge.bench;

import static org.bloodbridge.bench.Harness.option;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.persistence.readside.DonorSummaryTable;
import org.bloodbridge.persistence.readside.ReadSide;

/**
 * Writes donors of an import NDJSON file straight into the read side's {@code donor_summaries}
 * table, as {@link DonorSummary} rows, without a DonorEntity, a journal event or a projection. The
 * centre pools load these rows at their next start like any other donor's.
 *
 * <p>For the match benchmark only, and only for donors who can never be a match candidate (the
 * {@code REST_FILE} of {@code GenerateFederation --split}: not HLA-typed, no rare red-cell pattern):
 * they make the pools, scans, rebuild, search and statistics carry a million donors, while
 * registering them through the API runs at ~200-300 donors/s. Such a donor has no entity: a GET of
 * it answers 404, and a match request that proposed it would drop it when re-confirming with the
 * entity. The summary says: seqNr 1, eligible for platelets and whole blood from {@code --as-of}
 * (null after a permanent deferral in the line), registered on the line's {@code registeredOn},
 * red-cell typed since then when the line has a phenotype or RhD; the history's eligibility dates are
 * not derived.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.bloodbridge.bench.SeedSummaries --file rest.ndjson \
 *     --cassandra 127.0.0.1:9042 [--keyspace bloodbridge_readside] [--parallelism 64] [--as-of 2026-11-25] [--secret S]
 * </pre>
 * The donorId is the server's keyed hash of the national ID: {@code --secret}, else
 * {@code BLOODBRIDGE_FEDERATION_SECRET}, else the dev secret of http's application.conf.
 */
public final class SeedSummaries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, List<String>>> HLA = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private SeedSummaries() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(required(args, "--file"));
        List<String> contactPoints = Arrays.asList(option(args, "--cassandra", "127.0.0.1:9042").split(","));
        String keyspace = option(args, "--keyspace", "bloodbridge_readside");
        int parallelism = Integer.parseInt(option(args, "--parallelism", "64"));
        LocalDate asOf = LocalDate.parse(option(args, "--as-of", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()));
        DonorIds donorIds = Harness.donorIds(args);

        Config config = ConfigFactory.load(ConfigFactory.parseMap(Map.of(
                        "bloodbridge.readside.keyspace", keyspace,
                        "pekko.loglevel", "WARNING",
                        "pekko.coordinated-shutdown.exit-jvm", "off"))
                .withValue("datastax-java-driver.basic.contact-points", ConfigValueFactory.fromIterable(contactPoints))
                .withFallback(ConfigFactory.parseResources("persistence.conf"))
                .withFallback(ConfigFactory.parseResources("serialization.conf")));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "seed-summaries", config);
        int exit = 0;
        try {
            ReadSide readSide = ReadSide.start(system);
            readSide.ready().toCompletableFuture().get(120, TimeUnit.SECONDS);
            exit = seed(file, readSide.donorSummaries(), donorIds, asOf, parallelism);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        System.exit(exit);
    }

    private static int seed(Path file, DonorSummaryTable table, DonorIds donorIds, LocalDate asOf, int parallelism)
            throws Exception {
        Semaphore inFlight = new Semaphore(parallelism);
        AtomicLong written = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        long lastReport = start;
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                DonorSummary summary = summaryOf(JSON.readTree(line), donorIds, asOf);
                inFlight.acquire();
                table.upsert(summary).whenComplete((done, failure) -> {
                    if (failure == null) {
                        written.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                    inFlight.release();
                });
                long now = System.nanoTime();
                if (now - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                    lastReport = now;
                    System.out.printf(Locale.ROOT, "  %,d rows written (%,.0f rows/s), %,d failed%n",
                            written.get(), written.get() / ((now - start) / 1e9), failed.get());
                }
            }
        }
        inFlight.acquire(parallelism); // every write has completed
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "seeded %,d donor summaries from %,d lines in %.1f s (%,.0f rows/s), %,d failed%n",
                written.get(), lines, seconds, written.get() / seconds, failed.get());
        if (firstFailure.get() != null) {
            System.out.println("first failure: " + firstFailure.get());
            return 1;
        }
        return 0;
    }

    /** The summary of one import line (the REST file: no HLA, no rare pattern; any line is read the same way). */
    static DonorSummary summaryOf(JsonNode line, DonorIds donorIds, LocalDate asOf) {
        String donorId = Harness.donorIdOf(line, donorIds);
        Map<String, List<String>> hla = line.has("hla") ? JSON.convertValue(line.get("hla"), HLA) : Map.of();
        Map<String, String> hpa = line.has("hpa") ? JSON.convertValue(line.get("hpa"), STRINGS) : Map.of();
        Map<String, String> redCell = line.has("redCell") ? JSON.convertValue(line.get("redCell"), STRINGS) : Map.of();
        LocalDate registeredOn = line.hasNonNull("registeredOn") ? LocalDate.parse(line.get("registeredOn").asText()) : asOf;
        LocalDate permanentlyDeferredOn = null;
        for (JsonNode deferral : line.path("deferrals")) {
            if (deferral.path("permanent").asBoolean(false)) {
                LocalDate from = LocalDate.parse(deferral.get("from").asText());
                if (permanentlyDeferredOn == null || from.isBefore(permanentlyDeferredOn)) {
                    permanentlyDeferredOn = from;
                }
            }
        }
        LocalDate eligible = permanentlyDeferredOn == null ? asOf : null;
        boolean hlaTyped = hla.containsKey("A") && hla.containsKey("B");
        boolean redCellTyped = !redCell.isEmpty() || line.hasNonNull("rhD");
        return new DonorSummary(donorId, line.get("centre").asText(), 1, asOf, new Typing(hla, hpa, redCell),
                line.hasNonNull("abo") ? Abo.parse(line.get("abo").asText()) : null,
                line.hasNonNull("rhD") ? RhD.parse(line.get("rhD").asText()) : null, eligible, eligible, registeredOn,
                hlaTyped ? registeredOn : null, redCellTyped ? registeredOn : null, permanentlyDeferredOn, null);
    }

    private static String required(String[] args, String name) {
        String value = option(args, name, null);
        if (value == null) {
            System.err.println("usage: SeedSummaries --file REST.ndjson [--cassandra host:port] [--keyspace bloodbridge_readside] "
                    + "[--parallelism 64] [--as-of YYYY-MM-DD] [--secret S]");
            System.exit(64);
        }
        return value;
    }
}
