package io.distillguard.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bucket4j lock-free local buckets in a concurrent map, for one gateway process. Memory is bounded by a second-chance
 * sweep: {@link #evictIdle()} drops buckets that were not used since the previous sweep and have refilled to capacity
 * (losslessly: a new bucket would be identical), and past {@link InMemoryStoreConfig#maxBuckets()} drops more,
 * unused ones first (their usage is lost). Call {@link #evictIdle()} from a timer (e.g. every minute); creating a
 * bucket past the bound also sweeps inline. Because a bucket survives at least one full interval after its last use,
 * a request that fetched it a moment before a sweep cannot lose its consumption to the drop.
 */
public final class InMemoryBucketStore implements BucketStore {
    private static final Logger log = LoggerFactory.getLogger(InMemoryBucketStore.class);

    private final ConcurrentHashMap<BucketKey, Entry> buckets = new ConcurrentHashMap<>();
    private final TimeMeter timeMeter;
    private final InMemoryStoreConfig config;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public InMemoryBucketStore(Clock clock, InMemoryStoreConfig config) {
        this.timeMeter = new ClockTimeMeter(clock);
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public CompletableFuture<LimitBucket> bucket(BucketKey key, List<LimitSpec> limits) {
        Entry entry = buckets.get(key);
        if (entry == null) {
            entry = buckets.computeIfAbsent(key, k -> new Entry(newBucket(limits), limits));
            if (buckets.mappingCount() > config.maxBuckets()) {
                evictIdle();
                Entry kept = buckets.putIfAbsent(key, entry);
                entry = kept != null ? kept : entry;
            }
        } else if (!entry.limits().equals(limits)) {
            entry.reconfigure(limits);
        }
        entry.touch();
        return entry.future;
    }

    @Override
    public Optional<LimitBucket> find(BucketKey key) {
        Entry entry = buckets.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        entry.touch();
        return Optional.of(entry.future.join());
    }

    @Override
    public int evictIdle() {
        if (!sweeping.compareAndSet(false, true)) {
            return 0;
        }
        try {
            boolean over = buckets.mappingCount() > config.maxBuckets();
            List<Map.Entry<BucketKey, Entry>> cold = new ArrayList<>();
            int dropped = 0;
            for (Map.Entry<BucketKey, Entry> e : buckets.entrySet()) {
                Entry entry = e.getValue();
                if (entry.touched) {
                    entry.touched = false;
                } else if (entry.full()) {
                    if (buckets.remove(e.getKey(), entry)) {
                        dropped++;
                    }
                } else if (over) {
                    cold.add(e);
                }
            }
            if (buckets.mappingCount() > config.maxBuckets()) {
                dropped += dropForBound(cold);
            }
            return dropped;
        } finally {
            sweeping.set(false);
        }
    }

    /** Drops buckets down to 90% of the bound, those unused for a whole sweep first; their usage is lost. */
    private int dropForBound(List<Map.Entry<BucketKey, Entry>> cold) {
        long excess = buckets.mappingCount() - (long) (config.maxBuckets() * 0.9);
        int dropped = 0;
        for (Map.Entry<BucketKey, Entry> e : cold) {
            if (dropped >= excess) {
                break;
            }
            if (buckets.remove(e.getKey(), e.getValue())) {
                dropped++;
            }
        }
        for (Map.Entry<BucketKey, Entry> e : buckets.entrySet()) {
            if (dropped >= excess) {
                break;
            }
            if (buckets.remove(e.getKey(), e.getValue())) {
                dropped++;
            }
        }
        log.warn("bucket store over its bound of {}: dropped {} buckets with their usage", config.maxBuckets(), dropped);
        return dropped;
    }

    @Override
    public long size() {
        return buckets.mappingCount();
    }

    private Bucket newBucket(List<LimitSpec> limits) {
        var builder = Bucket.builder();
        for (Bandwidth bandwidth : Bandwidths.configuration(limits).getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.withCustomTimePrecision(timeMeter).build();
    }

    /** One bucket with the limits it is configured for and whether it was used since the last sweep. */
    private static final class Entry {
        final Bucket bucket;
        /** The bucket as the enforcer sees it, with its current limits; replaced on reconfiguration. */
        volatile CompletableFuture<LimitBucket> future;
        volatile boolean touched = true;

        Entry(Bucket bucket, List<LimitSpec> limits) {
            this.bucket = bucket;
            this.future = CompletableFuture.completedFuture(new LocalLimitBucket(bucket, limits));
        }

        List<LimitSpec> limits() {
            return future.join().limits();
        }

        /** True when every limit has refilled to its capacity. */
        boolean full() {
            long[] available = future.join().available().join().available();
            List<LimitSpec> limits = limits();
            for (int i = 0; i < available.length; i++) {
                if (available[i] < limits.get(i).capacity()) {
                    return false;
                }
            }
            return true;
        }

        /** Marks the entry used; reads first so a hot bucket's cache line is not written on every request. */
        void touch() {
            if (!touched) {
                touched = true;
            }
        }

        /** Changes the limits keeping what was used (see {@link Reconfiguration}). */
        synchronized void reconfigure(List<LimitSpec> newLimits) {
            if (limits().equals(newLimits)) {
                return;
            }
            Reconfiguration.keepUsage(bucket, newLimits);
            future = CompletableFuture.completedFuture(new LocalLimitBucket(bucket, newLimits));
        }
    }
}
