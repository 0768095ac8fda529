package org.bloodbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bloodbridge.engine.pool.PoolIndex;
import org.bloodbridge.engine.typing.RarePattern;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * Heap cost of the pool index: builds 1,000,000 synthetic donors into 8 centre indexes and prints
 * the used heap after minus before (each after several GCs), per donor. Run it with the node's heap
 * and G1 region size: with 1 MB regions the index's ~1 MB columns are humongous objects, each
 * taking whole regions (282 instead of 182 B per donor at 1,000,000).
 * {@code java -Xmx2g -XX:G1HeapRegionSize=4m -cp bench/target/benchmarks.jar org.bloodbridge.bench.PoolMemory [donors]}
 */
public final class PoolMemory {
    private static final int CENTRES = 8;

    private PoolMemory() {}

    public static void main(String[] args) throws InterruptedException {
        int donors = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        TypingTables tables = TypingTables.load(null, RarePattern.DEFAULTS);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        List<PoolIndex> indexes = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(20261125L);
        for (int c = 0; c < CENTRES; c++) {
            indexes.add(PoolMatchBenchmark.build(tables, "C" + c, donors / CENTRES, random));
        }
        long after = usedAfterGc(memory);
        long indexed = indexes.stream().mapToLong(PoolIndex::size).sum();
        System.out.printf("donors indexed: %,d in %d indexes%n", indexed, indexes.size());
        System.out.printf("heap used: before %,d B, after %,d B, difference %,d B%n", before, after, after - before);
        System.out.printf("heap per donor: %.1f B%n", (after - before) / (double) indexed);
        System.out.printf(java.util.Locale.ROOT, "RESULT pool-memory donors=%d bytesPerDonor=%.1f%n",
                indexed, (after - before) / (double) indexed);
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
