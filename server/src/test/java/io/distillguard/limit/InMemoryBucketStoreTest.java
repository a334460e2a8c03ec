package io.distillguard.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.time.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory store passes the store contract and keeps its memory bounded. */
class InMemoryBucketStoreTest extends BucketStoreContract {

    @Override
    protected BucketStore newStore(VirtualClock clock) {
        return new InMemoryBucketStore(clock, new InMemoryStoreConfig(1_000));
    }

    @Test
    void idleFullBucketsAreDroppedAndUsedOnesKept() {
        for (int i = 0; i < 500; i++) {
            var bucket = bucket(key("acct-" + i, RPM_100), RPM_100);
            if (i % 2 == 0) {
                bucket.tryConsume(1);
            }
        }
        LimitSpec tpd = LimitSpec.outputTokensPerDay(1_000);
        bucket(key("heavy", tpd), tpd).tryConsume(1_000);
        clock.advance(Duration.ofMinutes(3).toMillis());
        assertThat(store.evictIdle()).as("every bucket was used since the last sweep").isZero();
        assertThat(store.evictIdle()).isEqualTo(500);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.find(key("heavy", tpd))).isPresent();
    }

    @Test
    void bucketsUsedSinceTheLastSweepSurviveEvenWhenFull() {
        bucket(key("a", RPM_100), RPM_100);
        assertThat(store.evictIdle()).isZero();
        store.find(key("a", RPM_100));
        assertThat(store.evictIdle()).isZero();
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.evictIdle()).isEqualTo(1);
        assertThat(store.size()).isZero();
    }

    @Test
    void memoryStaysBoundedWhenKeysKeepComing() {
        LimitSpec tpd = LimitSpec.outputTokensPerDay(1_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(bucket(key("acct-" + i, tpd), tpd).tryConsume(10)).isTrue();
            assertThat(store.find(key("acct-" + i, tpd))).as("a bucket just handed out is kept").isPresent();
        }
        assertThat(store.size()).isLessThanOrEqualTo(1_000);
    }
}
