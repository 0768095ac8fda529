package org.bloodbridge.engine.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The best {@code limit} entries of a scan by (key, day, donorId) ascending, kept in a heap whose
 * head is the worst kept: a scan costs O(n log k) and allocates only for entries that get in.
 */
final class TopK {
    /** @param value what the caller wants back with the entry (the packed evaluation, for platelets) */
    record Ranked(long key, int day, String donorId, int value) {}

    private static final Comparator<Ranked> ORDER = Comparator.comparingLong(Ranked::key)
            .thenComparingInt(Ranked::day).thenComparing(Ranked::donorId);

    private final int limit;
    private final PriorityQueue<Ranked> worstFirst;

    TopK(int limit) {
        this.limit = Math.max(0, limit);
        this.worstFirst = new PriorityQueue<>(Math.max(1, Math.min(this.limit, 1024) + 1), ORDER.reversed());
    }

    void offer(long key, int day, String donorId, int value) {
        if (limit == 0) {
            return;
        }
        if (worstFirst.size() == limit) {
            Ranked worst = worstFirst.peek();
            if (compare(key, day, donorId, worst) >= 0) {
                return;
            }
            worstFirst.poll();
        }
        worstFirst.add(new Ranked(key, day, donorId, value));
    }

    /**
     * Whether an entry with this key, or any greater, would be refused whatever its day and donorId:
     * the heap is full and its worst key is lower. Lets a scan skip work for an entry that cannot get in.
     */
    boolean refuses(long key) {
        return limit == 0 || worstFirst.size() == limit && key > worstFirst.peek().key();
    }

    /** The entries kept, best first. */
    List<Ranked> best() {
        List<Ranked> sorted = new ArrayList<>(worstFirst.size());
        while (!worstFirst.isEmpty()) {
            sorted.add(worstFirst.poll());
        }
        Collections.reverse(sorted);
        return sorted;
    }

    private static int compare(long key, int day, String donorId, Ranked other) {
        if (key != other.key()) {
            return Long.compare(key, other.key());
        }
        if (day != other.day()) {
            return Integer.compare(day, other.day());
        }
        return donorId.compareTo(other.donorId());
    }
}
