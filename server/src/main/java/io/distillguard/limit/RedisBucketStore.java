package io.distillguard.limit;

import io.distillguard.config.RedisLimitsConfig;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Token buckets in Redis, shared by every gateway replica: Bucket4j proxies of its Lettuce compare-and-swap backend,
 * so every bucket operation is atomic in Redis (read state, compute, write only if unchanged, retry otherwise) and
 * replicas cannot overspend a bucket together. One key per scope and dimension ({@code <prefix>KIND:id:DIMENSION}) holds
 * every period's bandwidth, and expires 10 s after the bucket would have refilled to capacity, so idle buckets cost
 * nothing. Operations are asynchronous (the enforcer sends those of one admission together over the one pipelined
 * connection), bounded by the configured command timeout, and fail fast (no queueing) while the connection is down;
 * Lettuce reconnects by itself.
 * The connection is opened lazily, so a gateway starts while Redis is down and picks it up when it returns.
 */
public final class RedisBucketStore implements BucketStore, AutoCloseable {
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);
    private static final int MAX_KNOWN_BUCKETS = 200_000;

    private final RedisClient client;
    private final RedisLimitsConfig config;
    private final Clock clock;
    /**
     * The proxy of every bucket this replica used recently, with the limits it last configured, so the stored ones are
     * read only when they may differ, and so that concurrent requests share one proxy: Bucket4j's batching then sends
     * their operations on a hot bucket (an entity's) as one compare-and-swap instead of retrying each against the rest.
     */
    private final ConcurrentHashMap<BucketKey, RemoteLimitBucket> knownBuckets = new ConcurrentHashMap<>();
    /** Runs the blocking reconfiguration of a bucket whose stored limits differ. */
    private final ExecutorService reconfigurer = Executors.newVirtualThreadPerTaskExecutor();
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile Connected proxies;

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
    public CompletableFuture<LimitBucket> bucket(BucketKey key, List<LimitSpec> limits) {
        RemoteLimitBucket known = knownBuckets.get(key);
        if (known != null && known.limits().equals(limits)) {
            return CompletableFuture.completedFuture(known);
        }
        Connected redis = connected();
        RemoteLimitBucket bucket = new RemoteLimitBucket(redis.async().builder()
                .withOptimization(Optimizations.batching())
                .build(key, () -> CompletableFuture.completedFuture(Bandwidths.configuration(limits))), limits);
        // First sight of this bucket on this replica, or its limits changed: check what Redis holds (one GET) and
        // reconfigure off the Lettuce I/O thread if it differs (rare: a tier change or a throttle).
        return redis.async().getProxyConfiguration(key).thenApplyAsync(stored -> {
            if (stored.isPresent() && !Bandwidths.limits(stored.get(), key.dimension()).equals(limits)) {
                Reconfiguration.keepUsage(redis.sync().builder().build(key, () -> Bandwidths.configuration(limits)),
                        limits);
            }
            if (knownBuckets.size() >= MAX_KNOWN_BUCKETS) {
                knownBuckets.clear(); // only costs one extra read per bucket afterwards
            }
            RemoteLimitBucket raced = knownBuckets.putIfAbsent(key, bucket);
            if (raced != null && raced.limits().equals(limits)) {
                return raced; // share one proxy, so that its batching merges concurrent requests
            }
            knownBuckets.put(key, bucket);
            return bucket;
        }, reconfigurer);
    }

    @Override
    public Optional<LimitBucket> find(BucketKey key) {
        Connected redis = connected();
        return redis.sync().getProxyConfiguration(key).map(configuration -> new RemoteLimitBucket(
                redis.async().builder().build(key, configuration),
                Bandwidths.limits(configuration, key.dimension())));
    }

    /** Redis expires idle buckets itself. */
    @Override
    public int evictIdle() {
        return 0;
    }

    /** The buckets this replica has used recently (its local view; Redis may hold more). */
    @Override
    public long size() {
        return knownBuckets.size();
    }

    @Override
    public boolean remote() {
        return true;
    }

    /** The Redis key of {@code key}. */
    public String redisKey(BucketKey key) {
        return config.keyPrefix() + key.asString();
    }

    private Connected connected() {
        Connected current = proxies;
        return current != null ? current : connect();
    }

    private synchronized Connected connect() {
        if (proxies == null) {
            connection = client.connect(ByteArrayCodec.INSTANCE);
            ProxyManager<BucketKey> sync = Bucket4jLettuce.casBasedBuilder(connection)
                    .clientClock(new ClockTimeMeter(clock))
                    .requestTimeout(Duration.ofMillis(config.commandTimeoutMs()))
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(EXPIRY_MARGIN))
                    .build()
                    .withMapper((BucketKey key) -> redisKey(key).getBytes(StandardCharsets.UTF_8));
            proxies = new Connected(sync, sync.asAsync());
        }
        return proxies;
    }

    /** The blocking and the asynchronous proxy managers of one connection. */
    private record Connected(ProxyManager<BucketKey> sync, AsyncProxyManager<BucketKey> async) {
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        reconfigurer.shutdown();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
