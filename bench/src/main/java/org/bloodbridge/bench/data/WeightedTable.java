package org.bloodbridge.bench.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Names with relative weights, normalised on construction (a table need not sum to 1), drawn by
 * binary search over the cumulative shares.
 */
public final class WeightedTable {
    private final List<String> names;
    private final double[] shares;
    private final double[] cumulative;

    private WeightedTable(List<String> names, double[] weights) {
        this.names = List.copyOf(names);
        this.shares = new double[weights.length];
        this.cumulative = new double[weights.length];
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            shares[i] = weights[i] / total;
            running += shares[i];
            cumulative[i] = running;
        }
        cumulative[weights.length - 1] = 1.0;
    }

    /** Alternating name, weight pairs: {@code of("O", 30, "A", 28)}. */
    static WeightedTable of(Object... nameWeightPairs) {
        List<String> names = new ArrayList<>();
        double[] weights = new double[nameWeightPairs.length / 2];
        for (int i = 0; i < nameWeightPairs.length; i += 2) {
            names.add((String) nameWeightPairs[i]);
            weights[i / 2] = ((Number) nameWeightPairs[i + 1]).doubleValue();
        }
        return new WeightedTable(names, weights);
    }

    /** {@code names} with {@code weights} in the same order. */
    static WeightedTable of(List<String> names, List<Double> weights) {
        return new WeightedTable(names, weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public String draw(SplittableRandom random) {
        double u = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return names.get(low);
    }

    public List<String> names() {
        return names;
    }

    /** The normalised share of the names starting with {@code prefix}, e.g. {@code A*02:} for the A2 family. */
    public double shareStartingWith(String prefix) {
        double sum = 0;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).startsWith(prefix)) {
                sum += shares[i];
            }
        }
        return sum;
    }
}
