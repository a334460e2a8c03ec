package io.distillguard.limit;

import io.distillguard.config.RedisLimitsConfig;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in Redis, shared by every gateway replica: Bucket4j proxies of its Lettuce compare-and-swap backend,
 * so every bucket operation is atomic in Redis (read state, compute, write only if unchanged, retry otherwise) and
 * replicas cannot overspend a bucket together. A key ({@code <prefix>KIND:id:DIMENSION:PERIOD}) expires 10 s after the
 * bucket would have refilled to capacity, so idle buckets cost nothing. Calls block the calling thread for at most the
 * configured command timeout and fail fast (no queueing) while the connection is down; Lettuce reconnects by itself.
 * The connection is opened lazily, so a gateway starts while Redis is down and picks it up when it returns.
 */
public final class RedisBucketStore implements BucketStore, AutoCloseable {
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);
    private static final int MAX_KNOWN_CAPACITIES = 200_000;

    private final RedisClient client;
    private final RedisLimitsConfig config;
    private final Clock clock;
    /** Capacity this replica last saw configured per bucket, so the stored one is read only when it may differ. */
    private final ConcurrentHashMap<BucketKey, Long> knownCapacities = new ConcurrentHashMap<>();
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile ProxyManager<BucketKey> proxies;

    public RedisBucketStore(Clock clock, RedisLimitsConfig config) {
        this.clock = clock;
        this.config = config;
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(Duration.ofMillis(config.commandTimeoutMs()));
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(config.connectTimeoutMs())).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(config.commandTimeoutMs())))
                .build());
    }

    @Override
    public Bucket bucket(BucketKey key, LimitSpec limit) {
        ProxyManager<BucketKey> manager = proxies();
        Bucket bucket = manager.builder().build(key, () -> Reconfiguration.configuration(limit));
        Long known = knownCapacities.get(key);
        if (known == null || known != limit.capacity()) {
            Optional<BucketConfiguration> stored = manager.getProxyConfiguration(key);
            if (stored.isPresent()) {
                long storedCapacity = stored.get().getBandwidths()[0].getCapacity();
                if (storedCapacity != limit.capacity()) {
                    Reconfiguration.keepUsage(bucket, storedCapacity, limit);
                }
            }
            if (knownCapacities.size() >= MAX_KNOWN_CAPACITIES) {
                knownCapacities.clear(); // only costs one extra read per bucket afterwards
            }
            knownCapacities.put(key, limit.capacity());
        }
        return bucket;
    }

    @Override
    public Optional<Bucket> find(BucketKey key) {
        ProxyManager<BucketKey> manager = proxies();
        return manager.getProxyConfiguration(key).map(configuration -> manager.builder().build(key, configuration));
    }

    /** Redis expires idle buckets itself. */
    @Override
    public int evictIdle() {
        return 0;
    }

    /** The buckets this replica has used recently (its local view; Redis may hold more). */
    @Override
    public long size() {
        return knownCapacities.size();
    }

    @Override
    public boolean remote() {
        return true;
    }

    /** The Redis key of {@code key}. */
    public String redisKey(BucketKey key) {
        return config.keyPrefix() + key.asString();
    }

    private ProxyManager<BucketKey> proxies() {
        ProxyManager<BucketKey> current = proxies;
        return current != null ? current : connect();
    }

    private synchronized ProxyManager<BucketKey> connect() {
        if (proxies == null) {
            connection = client.connect(ByteArrayCodec.INSTANCE);
            proxies = Bucket4jLettuce.casBasedBuilder(connection)
                    .clientClock(new ClockTimeMeter(clock))
                    .requestTimeout(Duration.ofMillis(config.commandTimeoutMs()))
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(EXPIRY_MARGIN))
                    .build()
                    .withMapper((BucketKey key) -> redisKey(key).getBytes(StandardCharsets.UTF_8));
        }
        return proxies;
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
