package io.distillguard.sim.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How well the gateway's entities match the true controllers: the adjusted Rand index (Hubert and Arabie 1985; 1 =
 * identical partitions, about 0 = chance) and purity (share of accounts whose predicted entity's majority true entity
 * is their own), over {@code accounts} accounts.
 */
public record LinkingQuality(double adjustedRandIndex, double purity, int accounts, int trueEntities,
        int predictedEntities) {

    /** Compares two labellings of the same accounts ({@code truth.get(i)} and {@code predicted.get(i)}). */
    public static LinkingQuality of(List<String> truth, List<String> predicted) {
        if (truth.size() != predicted.size()) {
            throw new IllegalArgumentException("labellings differ in size");
        }
        int n = truth.size();
        Map<String, Map<String, Integer>> table = new HashMap<>();
        Map<String, Integer> rows = new HashMap<>();
        Map<String, Integer> cols = new HashMap<>();
        for (int i = 0; i < n; i++) {
            table.computeIfAbsent(predicted.get(i), k -> new HashMap<>()).merge(truth.get(i), 1, Integer::sum);
            rows.merge(truth.get(i), 1, Integer::sum);
            cols.merge(predicted.get(i), 1, Integer::sum);
        }
        double index = 0;
        long majority = 0;
        for (Map<String, Integer> col : table.values()) {
            int best = 0;
            for (int c : col.values()) {
                index += pairs(c);
                best = Math.max(best, c);
            }
            majority += best;
        }
        double a = rows.values().stream().mapToDouble(LinkingQuality::pairs).sum();
        double b = cols.values().stream().mapToDouble(LinkingQuality::pairs).sum();
        double expected = n < 2 ? 0 : a * b / pairs(n);
        double max = (a + b) / 2;
        double ari = max == expected ? 1.0 : (index - expected) / (max - expected);
        return new LinkingQuality(ari, n == 0 ? 1.0 : majority / (double) n, n, rows.size(), cols.size());
    }

    private static double pairs(int k) {
        return k * (k - 1) / 2.0;
    }
}
