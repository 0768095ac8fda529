package org.bloodbridge.bench.data;

import java.time.LocalDate;
import java.util.List;

/**
 * What to generate. The output is a function of this record alone: {@code asOf} is the "today" the
 * ages and histories are relative to, so fixing it (and the seed) fixes every byte.
 *
 * @param centreWeights relative sizes of the centres, in their order (real federations are uneven: two
 *     large centres about 3 times the others); empty for centres of equal size
 */
public record FederationConfig(long donors, long seed, List<String> centres, List<Double> centreWeights,
        double plateletShare, LocalDate asOf) {
    public static final List<String> DEFAULT_CENTRES = List.of("CD", "CQ");
    public static final double DEFAULT_PLATELET_SHARE = 0.10;

    public FederationConfig {
        if (donors < 0) {
            throw new IllegalArgumentException("donors must be >= 0, got " + donors);
        }
        if (centres.isEmpty()) {
            throw new IllegalArgumentException("at least one centre is needed");
        }
        if (plateletShare < 0 || plateletShare > 1) {
            throw new IllegalArgumentException("platelet share must be within 0..1, got " + plateletShare);
        }
        if (!centreWeights.isEmpty() && centreWeights.size() != centres.size()) {
            throw new IllegalArgumentException("one weight per centre: " + centres.size() + " centres, "
                    + centreWeights.size() + " weights");
        }
        if (centreWeights.stream().anyMatch(w -> !(w > 0))) {
            throw new IllegalArgumentException("centre weights must be > 0, got " + centreWeights);
        }
        centres = List.copyOf(centres);
        centreWeights = List.copyOf(centreWeights);
    }
}
