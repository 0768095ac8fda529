package org.bloodbridge.bench.data;

import static org.bloodbridge.bench.Harness.option;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bloodbridge.engine.typing.HlaReference;

/**
 * Writes a synthetic donor federation as import NDJSON and a one-line summary to stderr.
 * <pre>
 * java -cp bench/target/benchmarks.jar org.bloodbridge.bench.data.GenerateFederation \
 *     --donors 100000 --seed 1 --centres CD,CQ --platelet-share 0.10 --as-of 2026-11-25 --out donors.ndjson
 * </pre>
 * {@code --centre-weights 3,1} makes the centres' sizes uneven, in the order of {@code --centres}
 * (without it they are equal).
 * {@code --as-of} defaults to today in Asia/Shanghai; fix it to reproduce a file byte for byte.
 *
 * <p>{@code --split CANDIDATES_FILE REST_FILE} (instead of {@code --out}) writes the same donors, in
 * the same order and bytes, to two files: those who can ever be a match candidate (the PLATELET panel,
 * HLA-A and -B typed, or a RARE red-cell pattern) to the first, everyone else to the second. The
 * match benchmark imports the first through the API and seeds the second straight into the read side
 * ({@code org.bloodbridge.bench.SeedSummaries}).
 */
public final class GenerateFederation {
    private GenerateFederation() {}

    public static void main(String[] args) throws IOException {
        FederationConfig config = new FederationConfig(
                Long.parseLong(option(args, "--donors", "10000")),
                Long.parseLong(option(args, "--seed", "1")),
                Arrays.asList(option(args, "--centres", String.join(",", FederationConfig.DEFAULT_CENTRES)).split(",")),
                centreWeights(option(args, "--centre-weights", "")),
                Double.parseDouble(option(args, "--platelet-share", String.valueOf(FederationConfig.DEFAULT_PLATELET_SHARE))),
                LocalDate.parse(option(args, "--as-of", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString())));
        String[] split = split(args);
        String out = option(args, "--out", "-");
        long start = System.nanoTime();
        long plateletTyped = 0;
        long rare = 0;
        long candidates = 0;
        OutputStream stream = split != null ? new FileOutputStream(split[0])
                : out.equals("-") ? System.out : new FileOutputStream(out);
        OutputStream restStream = split != null ? new FileOutputStream(split[1]) : null;
        try (ImportLineWriter writer = new ImportLineWriter(new BufferedOutputStream(stream, 1 << 16));
             ImportLineWriter restWriter = restStream == null ? null
                     : new ImportLineWriter(new BufferedOutputStream(restStream, 1 << 16))) {
            FederationGenerator generator = new FederationGenerator(config, HlaReference.loadDefault());
            while (generator.hasNext()) {
                SyntheticDonor donor = generator.next();
                boolean candidate = donor.plateletTyped() || donor.rare();
                (restWriter == null || candidate ? writer : restWriter).write(donor);
                plateletTyped += donor.plateletTyped() ? 1 : 0;
                rare += donor.rare() ? 1 : 0;
                candidates += candidate ? 1 : 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf(Locale.ROOT,
                "generated %,d donors (%s%s, seed %d, as of %s): %,d platelet-typed, %,d rare, in %.1f s (%,.0f donors/s)%n",
                config.donors(), String.join(",", config.centres()),
                config.centreWeights().isEmpty() ? "" : " weighted " + config.centreWeights(), config.seed(), config.asOf(),
                plateletTyped, rare, seconds, config.donors() / seconds);
        if (split != null) {
            System.err.printf(Locale.ROOT, "split: %,d candidates (platelet-typed or rare) -> %s, %,d others -> %s%n",
                    candidates, split[0], config.donors() - candidates, split[1]);
        }
    }

    private static List<Double> centreWeights(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(Double::valueOf).toList();
    }

    /** The two files of {@code --split CANDIDATES_FILE REST_FILE}, or null without it. */
    private static String[] split(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--split")) {
                if (i + 2 >= args.length || args[i + 1].startsWith("--") || args[i + 2].startsWith("--")) {
                    throw new IllegalArgumentException("--split needs two files: CANDIDATES_FILE REST_FILE");
                }
                return new String[] {args[i + 1], args[i + 2]};
            }
        }
        return null;
    }
}
