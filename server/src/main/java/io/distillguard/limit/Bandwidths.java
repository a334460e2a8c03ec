package io.distillguard.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.VerboseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Bucket4j form of a bucket's limits: one greedy bandwidth per limit, identified by its period (ISO-8601, e.g.
 * {@code PT1M}), so that answers and reconfigurations match bandwidths to limits by id rather than by position.
 */
final class Bandwidths {

    private Bandwidths() {
    }

    /** A full bucket refilling each limit's capacity greedily over its period. */
    static BucketConfiguration configuration(List<LimitSpec> limits) {
        io.github.bucket4j.ConfigurationBuilder builder = BucketConfiguration.builder();
        for (LimitSpec limit : limits) {
            builder.addLimit(bandwidth(limit, limit.capacity()));
        }
        return builder.build();
    }

    /** The bandwidth of {@code limit} with another capacity (same refill rate), as reconfiguration needs. */
    static Bandwidth bandwidth(LimitSpec limit, long capacity) {
        return Bandwidth.builder().capacity(capacity).refillGreedy(limit.capacity(), limit.period())
                .id(id(limit)).build();
    }

    static String id(LimitSpec limit) {
        return limit.period().toString();
    }

    /** The limits a stored configuration holds, for a bucket of {@code dimension}. */
    static List<LimitSpec> limits(BucketConfiguration configuration, Dimension dimension) {
        List<LimitSpec> limits = new ArrayList<>();
        for (Bandwidth bandwidth : configuration.getBandwidths()) {
            limits.add(new LimitSpec(dimension, bandwidth.getCapacity(), Duration.ofNanos(bandwidth.getRefillPeriodNanos())));
        }
        return limits;
    }

    /**
     * Tokens left per limit after a verbose operation. A limit the stored configuration lacks (another replica wrote
     * an older one) reads as full.
     */
    static long[] availablePerLimit(VerboseResult<?> result, List<LimitSpec> limits) {
        Bandwidth[] bandwidths = result.getConfiguration().getBandwidths();
        long[] perBandwidth = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
        long[] available = new long[limits.size()];
        for (int i = 0; i < available.length; i++) {
            String id = id(limits.get(i));
            available[i] = limits.get(i).capacity();
            for (int b = 0; b < bandwidths.length; b++) {
                if (id.equals(bandwidths[b].getId())) {
                    available[i] = perBandwidth[b];
                    break;
                }
            }
        }
        return available;
    }
}
