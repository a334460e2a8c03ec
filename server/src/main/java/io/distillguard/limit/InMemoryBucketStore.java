package io.distillguard.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bucket4j lock-free local buckets in a concurrent map, for one gateway process. Memory is bounded: idle buckets
 * that have refilled are dropped (losslessly), and past {@link InMemoryStoreConfig#maxBuckets()} the least recently
 * used are dropped too. Creating a bucket past the bound sweeps inline; callers may also call {@link #evictIdle()}
 * from a timer. A bucket is dropped as idle only after {@link InMemoryStoreConfig#minIdle()} untouched, so a request
 * that fetched it a moment earlier cannot lose its consumption to the drop.
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
    public Bucket bucket(BucketKey key, LimitSpec limit) {
        long now = timeMeter.currentTimeNanos();
        Entry entry = buckets.get(key);
        if (entry == null) {
            entry = buckets.computeIfAbsent(key, k -> new Entry(newBucket(limit), limit, now));
            if (buckets.mappingCount() > config.maxBuckets()) {
                evictIdle();
            }
        } else if (entry.limit.capacity() != limit.capacity()) {
            entry.reconfigure(limit);
        }
        entry.lastUsedNanos = now;
        return entry.bucket;
    }

    @Override
    public Optional<Bucket> find(BucketKey key) {
        Entry entry = buckets.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        entry.lastUsedNanos = timeMeter.currentTimeNanos();
        return Optional.of(entry.bucket);
    }

    @Override
    public int evictIdle() {
        if (!sweeping.compareAndSet(false, true)) {
            return 0;
        }
        try {
            long idleBefore = timeMeter.currentTimeNanos() - config.minIdle().toNanos();
            int dropped = 0;
            for (Map.Entry<BucketKey, Entry> e : buckets.entrySet()) {
                Entry entry = e.getValue();
                if (entry.lastUsedNanos <= idleBefore
                        && entry.bucket.getAvailableTokens() >= entry.limit.capacity()
                        && buckets.remove(e.getKey(), entry)) {
                    dropped++;
                }
            }
            if (buckets.mappingCount() > config.maxBuckets()) {
                dropped += dropLeastRecentlyUsed();
            }
            return dropped;
        } finally {
            sweeping.set(false);
        }
    }

    /** Drops the least recently used buckets down to 90% of the bound; their usage is lost. */
    private int dropLeastRecentlyUsed() {
        List<Map.Entry<BucketKey, Entry>> all = new ArrayList<>(buckets.entrySet());
        all.sort(Comparator.comparingLong(e -> e.getValue().lastUsedNanos));
        long excess = buckets.mappingCount() - (long) (config.maxBuckets() * 0.9);
        int dropped = 0;
        for (int i = 0; i < all.size() && dropped < excess; i++) {
            if (buckets.remove(all.get(i).getKey(), all.get(i).getValue())) {
                dropped++;
            }
        }
        log.warn("bucket store over its bound of {}: dropped {} least recently used buckets with their usage",
                config.maxBuckets(), dropped);
        return dropped;
    }

    @Override
    public long size() {
        return buckets.mappingCount();
    }

    private Bucket newBucket(LimitSpec limit) {
        return Bucket.builder().addLimit(bandwidth(limit)).withCustomTimePrecision(timeMeter).build();
    }

    /** The one bandwidth of a bucket for {@code limit}: full capacity, refilled greedily over the period. */
    static Bandwidth bandwidth(LimitSpec limit) {
        return Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build();
    }

    /** One bucket with the limit it is configured for and when it was last touched. */
    private static final class Entry {
        final Bucket bucket;
        volatile LimitSpec limit;
        volatile long lastUsedNanos;

        Entry(Bucket bucket, LimitSpec limit, long createdNanos) {
            this.bucket = bucket;
            this.limit = limit;
            this.lastUsedNanos = createdNanos;
        }

        /**
         * Changes the capacity keeping what was used: ADDITIVE adds a raise to the available tokens; for a cut it only
         * caps them, so the rest of the cut is charged as debt (available = old available - (old - new capacity)).
         */
        synchronized void reconfigure(LimitSpec newLimit) {
            long oldCapacity = limit.capacity();
            long newCapacity = newLimit.capacity();
            if (oldCapacity == newCapacity) {
                return;
            }
            long available = bucket.getAvailableTokens();
            bucket.replaceConfiguration(BucketConfiguration.builder().addLimit(bandwidth(newLimit)).build(),
                    TokensInheritanceStrategy.ADDITIVE);
            if (newCapacity < oldCapacity) {
                long target = available - (oldCapacity - newCapacity);
                long afterReplace = Math.min(available, newCapacity);
                if (afterReplace > target) {
                    bucket.consumeIgnoringRateLimits(afterReplace - target);
                }
            }
            limit = newLimit;
        }
    }
}
