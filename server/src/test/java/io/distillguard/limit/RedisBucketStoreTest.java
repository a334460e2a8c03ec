package io.distillguard.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.config.RedisLimitsConfig;
import io.distillguard.time.VirtualClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis store passes the same contract as the in-memory one, on a real redis-server; its keys expire when idle. */
class RedisBucketStoreTest extends BucketStoreContract {
    private static final AtomicInteger STORES = new AtomicInteger();
    private static RedisServer redis;
    private final List<RedisBucketStore> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected BucketStore newStore(VirtualClock clock) {
        return open("test" + STORES.incrementAndGet() + ":");
    }

    @AfterEach
    void closeStores() {
        opened.forEach(RedisBucketStore::close);
    }

    @Test
    void bucketsLiveInRedisUnderThePrefixedKeyAndExpireOnceRefilled() {
        RedisBucketStore redisStore = (RedisBucketStore) store;
        BucketKey key = key("acct-1", RPM_100);
        bucket(key, RPM_100).tryConsume(30);
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            String redisKey = redisStore.redisKey(key);
            assertThat(redisKey).endsWith("ACCOUNT:acct-1:REQUESTS");
            assertThat(raw.sync().exists(redisKey)).isEqualTo(1);
            // 30 of 100 per minute refill in 18 s; the key lives that long plus a 10 s margin, never for good
            assertThat(raw.sync().pttl(redisKey)).isBetween(20_000L, 28_000L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void twoReplicasOnOneRedisShareBuckets() {
        String prefix = "replicas" + STORES.incrementAndGet() + ":";
        RedisBucketStore first = open(prefix);
        RedisBucketStore second = open(prefix);
        first.bucket(key("shared", RPM_100), List.of(RPM_100)).join().tryConsume(40).join();
        assertThat(available(second.bucket(key("shared", RPM_100), List.of(RPM_100)).join())).isEqualTo(60);
        second.bucket(key("shared", RPM_100), List.of(RPM_100.withCapacity(50))).join();
        assertThat(first.find(key("shared", RPM_100))).get()
                .extracting(BucketStoreContract::available).isEqualTo(10L);
    }

    private RedisBucketStore open(String prefix) {
        RedisBucketStore store = new RedisBucketStore(clock,
                RedisLimitsConfig.defaults().withUri(redis.uri()).withKeyPrefix(prefix)
                .withTimeouts(5_000, 5_000, 1_000)); // generous: the build machine is shared
        opened.add(store);
        return store;
    }
}
