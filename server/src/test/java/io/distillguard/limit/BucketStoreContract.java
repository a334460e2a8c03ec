package io.distillguard.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BucketStore} must do, whatever holds the buckets. A Redis store extends this class and supplies
 * {@link #newStore(VirtualClock)}; its buckets must refill on the given clock.
 */
public abstract class BucketStoreContract {
    protected static final LimitSpec RPM_100 = LimitSpec.requestsPerMinute(100);

    protected VirtualClock clock;
    protected BucketStore store;

    /** A fresh, empty store whose buckets read time from {@code clock}. */
    protected abstract BucketStore newStore(VirtualClock clock);

    @BeforeEach
    void setUpStore() {
        clock = new VirtualClock(1_700_000_000_000L);
        store = newStore(clock);
    }

    protected static BucketKey key(String id, LimitSpec limit) {
        return new BucketKey(ScopeKind.ACCOUNT, id, limit.dimension());
    }

    /** The bucket for {@code key} with {@code limits}, with blocking calls for brevity. */
    protected Sync bucket(BucketKey key, LimitSpec... limits) {
        return new Sync(store.bucket(key, List.of(limits)).join());
    }

    /** A bucket's operations, waited for. */
    protected record Sync(LimitBucket bucket) {
        long getAvailableTokens() {
            return java.util.Arrays.stream(bucket.available().join().available()).min().orElseThrow();
        }

        long[] availablePerLimit() {
            return bucket.available().join().available();
        }

        boolean tryConsume(long amount) {
            return bucket.tryConsume(amount).join().consumed();
        }

        void consumeIgnoringRateLimits(long amount) {
            bucket.consumeIgnoringRateLimits(amount).join();
        }
    }

    protected static long available(LimitBucket bucket) {
        return new Sync(bucket).getAvailableTokens();
    }

    @Test
    void aNewBucketStartsFull() {
        assertThat(bucket(key("a", RPM_100), RPM_100).getAvailableTokens()).isEqualTo(100);
    }

    @Test
    void theSameKeySharesStateAndOtherKeysDoNot() {
        bucket(key("a", RPM_100), RPM_100).tryConsume(30);
        assertThat(bucket(key("a", RPM_100), RPM_100).getAvailableTokens()).isEqualTo(70);
        assertThat(store.find(key("a", RPM_100))).get().extracting(BucketStoreContract::available).isEqualTo(70L);
        assertThat(bucket(key("b", RPM_100), RPM_100).getAvailableTokens()).isEqualTo(100);
        LimitSpec tpm = LimitSpec.outputTokensPerMinute(100);
        assertThat(bucket(key("a", tpm), tpm).getAvailableTokens()).isEqualTo(100);
        BucketKey asEntity = new BucketKey(ScopeKind.ENTITY, "a", Dimension.REQUESTS);
        assertThat(bucket(asEntity, RPM_100).getAvailableTokens()).isEqualTo(100);
    }

    @Test
    void findNeverCreates() {
        assertThat(store.find(key("nobody", RPM_100))).isEmpty();
        assertThat(store.find(key("nobody", RPM_100))).isEmpty();
    }

    @Test
    void bucketsRefillGreedilyOnTheInjectedClock() {
        Sync bucket = bucket(key("a", RPM_100), RPM_100);
        assertThat(bucket.tryConsume(100)).isTrue();
        assertThat(bucket.tryConsume(1)).isFalse();
        clock.advance(30_000);
        assertThat(bucket.getAvailableTokens()).isEqualTo(50);
        clock.advance(60_000);
        assertThat(bucket.getAvailableTokens()).isEqualTo(100);
    }

    @Test
    void consumptionIsAtomicUnderContention() throws Exception {
        LimitSpec limit = LimitSpec.outputTokensPerDay(10_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> granted = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                granted.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 2_000; i++) {
                        if (bucket(key("hot", limit), limit).tryConsume(1)) {
                            n++;
                        }
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get();
            }
            assertThat(total).isEqualTo(10_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loweringALimitKeepsWhatWasUsedAsDebt() {
        bucket(key("a", RPM_100), RPM_100).tryConsume(80);
        Sync lowered = bucket(key("a", RPM_100), RPM_100.withCapacity(50));
        assertThat(lowered.getAvailableTokens()).isEqualTo(-30);
        assertThat(lowered.tryConsume(1)).isFalse();
        clock.advance(60_000);
        assertThat(lowered.getAvailableTokens()).isEqualTo(20);
    }

    @Test
    void raisingALimitKeepsWhatWasUsed() {
        bucket(key("a", RPM_100), RPM_100).tryConsume(80);
        Sync raised = bucket(key("a", RPM_100), RPM_100.withCapacity(200));
        assertThat(raised.getAvailableTokens()).isEqualTo(120);
        clock.advance(60_000);
        assertThat(raised.getAvailableTokens()).isEqualTo(200);
    }

    @Test
    void overUseChargedBeyondTheLimitIsPaidBackByRefill() {
        Sync bucket = bucket(key("a", RPM_100), RPM_100);
        bucket.consumeIgnoringRateLimits(160);
        assertThat(bucket(key("a", RPM_100), RPM_100).getAvailableTokens()).isEqualTo(-60);
        clock.advance(36_000);
        assertThat(bucket.getAvailableTokens()).isEqualTo(0);
    }

    @Test
    void evictionNeverLosesUsage() {
        bucket(key("busy", RPM_100), RPM_100).tryConsume(100);
        bucket(key("idle", RPM_100), RPM_100).tryConsume(1);
        clock.advance(Duration.ofMinutes(10).toMillis());
        LimitSpec tpd = LimitSpec.outputTokensPerDay(1_000);
        bucket(key("busy", tpd), tpd).tryConsume(900);
        bucket(key("busy", RPM_100), RPM_100).tryConsume(1);
        clock.advance(Duration.ofMinutes(10).toMillis());
        store.evictIdle();
        store.evictIdle();
        assertThat(bucket(key("busy", tpd), tpd).getAvailableTokens()).isEqualTo(106);
        assertThat(bucket(key("idle", RPM_100), RPM_100).getAvailableTokens()).isEqualTo(100);
    }

    @Test
    void oneBucketHoldsEveryPeriodOfADimensionAndConsumesThemTogether() {
        LimitSpec rpd = LimitSpec.requestsPerDay(1_000);
        Sync both = bucket(key("a", RPM_100), RPM_100, rpd);
        assertThat(both.tryConsume(100)).isTrue();
        assertThat(both.availablePerLimit()).containsExactly(0, 900);
        assertThat(both.tryConsume(1)).as("the minute refuses, the day gives nothing either").isFalse();
        assertThat(both.availablePerLimit()).containsExactly(0, 900);
        clock.advance(60_000);
        assertThat(both.availablePerLimit()).containsExactly(100, 900);
    }

    @Test
    void changingOneLimitOfABucketKeepsTheUsageOfEachLimit() {
        LimitSpec tpm = LimitSpec.outputTokensPerMinute(10_000);
        LimitSpec tpd = LimitSpec.outputTokensPerDay(1_000_000);
        bucket(key("a", tpm), tpm, tpd).consumeIgnoringRateLimits(2_000);
        bucket(key("a", tpm), tpm, tpd).tryConsume(1);
        Sync cut = bucket(key("a", tpm), tpm.withCapacity(5_000), tpd.withCapacity(100_000));
        assertThat(cut.availablePerLimit()).as("used 2001 of each: minute 5000-2001, day 100000-2001")
                .containsExactly(2_999, 97_999);
        Sync dayCutBelowUse = bucket(key("a", tpm), tpm.withCapacity(5_000), tpd.withCapacity(1_000));
        assertThat(dayCutBelowUse.availablePerLimit()).containsExactly(2_999, -1_001);
        Sync withMore = bucket(key("a", tpm), tpm.withCapacity(6_000), tpd.withCapacity(1_000),
                new LimitSpec(Dimension.OUTPUT_TOKENS, 50_000, Duration.ofHours(1)));
        assertThat(withMore.availablePerLimit()).as("raised by 1000; a new limit starts full")
                .containsExactly(3_999, -1_001, 50_000);
    }
}
