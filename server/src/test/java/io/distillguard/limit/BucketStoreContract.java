package io.distillguard.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.time.VirtualClock;
import io.github.bucket4j.Bucket;
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
        return new BucketKey(ScopeKind.ACCOUNT, id, limit.dimension(), limit.period());
    }

    @Test
    void aNewBucketStartsFull() {
        assertThat(store.bucket(key("a", RPM_100), RPM_100).getAvailableTokens()).isEqualTo(100);
    }

    @Test
    void theSameKeySharesStateAndOtherKeysDoNot() {
        store.bucket(key("a", RPM_100), RPM_100).tryConsume(30);
        assertThat(store.bucket(key("a", RPM_100), RPM_100).getAvailableTokens()).isEqualTo(70);
        assertThat(store.find(key("a", RPM_100))).get().extracting(Bucket::getAvailableTokens).isEqualTo(70L);
        assertThat(store.bucket(key("b", RPM_100), RPM_100).getAvailableTokens()).isEqualTo(100);
        LimitSpec rpd = LimitSpec.requestsPerDay(100);
        assertThat(store.bucket(key("a", rpd), rpd).getAvailableTokens()).isEqualTo(100);
        BucketKey asEntity = new BucketKey(ScopeKind.ENTITY, "a", Dimension.REQUESTS, Duration.ofMinutes(1));
        assertThat(store.bucket(asEntity, RPM_100).getAvailableTokens()).isEqualTo(100);
    }

    @Test
    void findNeverCreates() {
        assertThat(store.find(key("nobody", RPM_100))).isEmpty();
        assertThat(store.find(key("nobody", RPM_100))).isEmpty();
    }

    @Test
    void bucketsRefillGreedilyOnTheInjectedClock() {
        Bucket bucket = store.bucket(key("a", RPM_100), RPM_100);
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
                        if (store.bucket(key("hot", limit), limit).tryConsume(1)) {
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
        store.bucket(key("a", RPM_100), RPM_100).tryConsume(80);
        Bucket lowered = store.bucket(key("a", RPM_100), RPM_100.withCapacity(50));
        assertThat(lowered.getAvailableTokens()).isEqualTo(-30);
        assertThat(lowered.tryConsume(1)).isFalse();
        clock.advance(60_000);
        assertThat(lowered.getAvailableTokens()).isEqualTo(20);
    }

    @Test
    void raisingALimitKeepsWhatWasUsed() {
        store.bucket(key("a", RPM_100), RPM_100).tryConsume(80);
        Bucket raised = store.bucket(key("a", RPM_100), RPM_100.withCapacity(200));
        assertThat(raised.getAvailableTokens()).isEqualTo(120);
        clock.advance(60_000);
        assertThat(raised.getAvailableTokens()).isEqualTo(200);
    }

    @Test
    void overUseChargedBeyondTheLimitIsPaidBackByRefill() {
        Bucket bucket = store.bucket(key("a", RPM_100), RPM_100);
        bucket.consumeIgnoringRateLimits(160);
        assertThat(store.bucket(key("a", RPM_100), RPM_100).getAvailableTokens()).isEqualTo(-60);
        clock.advance(36_000);
        assertThat(bucket.getAvailableTokens()).isEqualTo(0);
    }

    @Test
    void evictionNeverLosesUsage() {
        store.bucket(key("busy", RPM_100), RPM_100).tryConsume(100);
        store.bucket(key("idle", RPM_100), RPM_100).tryConsume(1);
        clock.advance(Duration.ofMinutes(10).toMillis());
        LimitSpec tpd = LimitSpec.outputTokensPerDay(1_000);
        store.bucket(key("busy", tpd), tpd).tryConsume(900);
        clock.advance(Duration.ofMinutes(10).toMillis());
        store.evictIdle();
        store.evictIdle();
        assertThat(store.bucket(key("busy", tpd), tpd).getAvailableTokens()).isEqualTo(106);
        assertThat(store.bucket(key("idle", RPM_100), RPM_100).getAvailableTokens()).isEqualTo(100);
    }
}
