package org.bloodbridge.bench.data;

import java.time.LocalDate;
import java.util.List;

/**
 * What to generate. The output is a function of this record alone: {@code asOf} is the "today" the
 * ages and histories are relative to, so fixing it (and the seed) fixes every byte.
 */
public record FederationConfig(long donors, long seed, List<String> centres, double plateletShare, LocalDate asOf) {
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
        centres = List.copyOf(centres);
    }
}
