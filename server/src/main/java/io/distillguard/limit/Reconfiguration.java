package io.distillguard.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseResult;
import java.util.List;

/**
 * Changing a bucket's limits so that what was used carries over, the same way in every store: Bucket4j's ADDITIVE
 * inheritance (bandwidths matched by id) adds a raise to the available tokens; for a cut it only caps them, so the rest
 * of the cut is charged as debt (available = old available - (old capacity - new capacity)). A new limit starts full,
 * a removed one is dropped. Debt can only be charged to all bandwidths at once, so the largest debt is charged and the
 * surplus given back to each other bandwidth by raising its capacity for a moment (ADDITIVE adds the raise) and
 * restoring it. Reconfiguration is rare (a tier change, a throttle), so its few sequential operations do not matter.
 */
final class Reconfiguration {

    private Reconfiguration() {
    }

    /** Reconfigures {@code bucket} to {@code newLimits}, keeping its usage; no-op when they are already in place. */
    static void keepUsage(Bucket bucket, List<LimitSpec> newLimits) {
        VerboseResult<Long> before = bucket.asVerbose().getAvailableTokens();
        Bandwidth[] old = before.getConfiguration().getBandwidths();
        long[] oldAvailable = before.getDiagnostics().getAvailableTokensPerEachBandwidth();
        long[] debt = new long[newLimits.size()];
        long maxDebt = 0;
        for (int i = 0; i < debt.length; i++) {
            LimitSpec limit = newLimits.get(i);
            for (int b = 0; b < old.length; b++) {
                if (Bandwidths.id(limit).equals(old[b].getId()) && old[b].getCapacity() > limit.capacity()) {
                    long target = oldAvailable[b] - (old[b].getCapacity() - limit.capacity());
                    long afterReplace = Math.min(oldAvailable[b], limit.capacity());
                    debt[i] = Math.max(0, afterReplace - target);
                    maxDebt = Math.max(maxDebt, debt[i]);
                }
            }
        }
        BucketConfiguration target = Bandwidths.configuration(newLimits);
        bucket.replaceConfiguration(target, TokensInheritanceStrategy.ADDITIVE);
        if (maxDebt == 0) {
            return;
        }
        bucket.consumeIgnoringRateLimits(maxDebt);
        for (int i = 0; i < debt.length; i++) {
            long surplus = maxDebt - debt[i];
            if (surplus > 0) {
                bucket.replaceConfiguration(raised(newLimits, i, surplus), TokensInheritanceStrategy.ADDITIVE);
                bucket.replaceConfiguration(target, TokensInheritanceStrategy.ADDITIVE);
            }
        }
    }

    /** {@code limits} with the capacity of limit {@code index} raised by {@code by}. */
    private static BucketConfiguration raised(List<LimitSpec> limits, int index, long by) {
        io.github.bucket4j.ConfigurationBuilder builder = BucketConfiguration.builder();
        for (int i = 0; i < limits.size(); i++) {
            LimitSpec limit = limits.get(i);
            builder.addLimit(Bandwidths.bandwidth(limit, i == index ? limit.capacity() + by : limit.capacity()));
        }
        return builder.build();
    }
}
