package org.bloodbridge.engine.pool;

/** The statistics of a pool (or a sum of pools) as of one date: api-v1.md {@code /stats}. */
public record PoolCounts(long donors, long platelet, long rare, long permanentlyDeferred) {
    public static final PoolCounts ZERO = new PoolCounts(0, 0, 0, 0);

    public PoolCounts plus(PoolCounts other) {
        return new PoolCounts(donors + other.donors, platelet + other.platelet, rare + other.rare,
                permanentlyDeferred + other.permanentlyDeferred);
    }
}
