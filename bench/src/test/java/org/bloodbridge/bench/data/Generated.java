package org.bloodbridge.bench.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bloodbridge.engine.typing.HlaReference;

/** Test helpers: a fixed as-of date, so every run (any day) sees the same data. */
final class Generated {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

    private Generated() {}

    static FederationConfig config(long donors, long seed) {
        return new FederationConfig(donors, seed, FederationConfig.DEFAULT_CENTRES, List.of(),
                FederationConfig.DEFAULT_PLATELET_SHARE, AS_OF);
    }

    static List<SyntheticDonor> donors(FederationConfig config) {
        FederationGenerator generator = new FederationGenerator(config, HlaReference.loadDefault());
        List<SyntheticDonor> donors = new ArrayList<>();
        while (generator.hasNext()) {
            donors.add(generator.next());
        }
        return donors;
    }

    static String ndjson(FederationConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImportLineWriter writer = new ImportLineWriter(out)) {
            FederationGenerator generator = new FederationGenerator(config, HlaReference.loadDefault());
            while (generator.hasNext()) {
                writer.write(generator.next());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
