package io.distillguard.bench;

import io.distillguard.limit.ActualUsage;
import io.distillguard.limit.Admission;
import io.distillguard.limit.Demand;
import io.distillguard.config.RedisLimitsConfig;
import io.distillguard.limit.InMemoryBucketStore;
import io.distillguard.limit.RedisBucketStore;
import io.distillguard.limit.RedisServer;
import io.distillguard.limit.InMemoryStoreConfig;
import io.distillguard.limit.LimitSpec;
import io.distillguard.limit.QuotaEnforcer;
import io.distillguard.limit.Scope;
import io.distillguard.limit.ScopeKind;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Admission plus settlement of one request across four scopes (key, account, org, entity; nine limits, each in its own
 * bucket as no scope limits one dimension over two periods) with the
 * in-memory store on the system clock. {@code keys=1} makes every thread contend on the same buckets; {@code keys=10000}
 * spreads them like many clients (per-key limits are then divided among the keys, as real ones are far below the
 * shared ones). Limits are high enough that nothing is rejected; the tear-down checks that.
 * {@code store=redis} runs the same on a local redis-server (Bucket4j's Lettuce compare-and-swap proxies, one
 * connection), which measures the round trips an admission costs (docs/scale-out.md).
 * Run: {@code java -cp <test classpath> org.openjdk.jmh.Main QuotaEnforcerBenchmark -t 1} (and {@code -t 2}).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QuotaEnforcerBenchmark {
    private static final long HIGH = 10_000_000_000L;

    @Param({"1", "10000"})
    public int keys;

    /** memory: in-process buckets; redis: a redis-server child process on loopback, started by the trial. */
    @Param({"memory", "redis"})
    public String store;

    private RedisServer redis;
    private RedisBucketStore redisStore;

    private QuotaEnforcer enforcer;
    private List<List<Scope>> scopesByKey;
    private final Demand demand = Demand.forCompletion(350, 512, 1, 4_096);
    private final ActualUsage usage = new ActualUsage(10, 10);
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        if (store.equals("redis")) {
            redis = RedisServer.start();
            redisStore = new RedisBucketStore(Clock.systemUTC(), RedisLimitsConfig.defaults().withUri(redis.uri())
                    .withTimeouts(5_000, 5_000, 1_000)); // generous: the benchmark machine may be loaded
            enforcer = new QuotaEnforcer(redisStore);
        } else {
            enforcer = new QuotaEnforcer(new InMemoryBucketStore(Clock.systemUTC(), InMemoryStoreConfig.DEFAULT));
        }
        Scope org = Scope.of(ScopeKind.ORG, "org-1", LimitSpec.requestsPerMinute(HIGH),
                LimitSpec.inputTokensPerMinute(HIGH), LimitSpec.outputTokensPerMinute(HIGH));
        Scope entity = Scope.of(ScopeKind.ENTITY, "ent-1", LimitSpec.outputTokensPerDay(HIGH));
        long perKey = HIGH / keys;
        scopesByKey = IntStream.range(0, keys).mapToObj(i -> List.of(
                Scope.of(ScopeKind.KEY, "sk-" + i, LimitSpec.requestsPerMinute(perKey),
                        LimitSpec.inputTokensPerMinute(perKey), LimitSpec.outputTokensPerMinute(perKey)),
                Scope.of(ScopeKind.ACCOUNT, "acct-" + i, LimitSpec.requestsPerMinute(perKey),
                        LimitSpec.outputTokensPerDay(perKey)),
                org, entity)).toList();
    }

    @TearDown(Level.Trial)
    public void checkNothingRejected() {
        if (redis != null) {
            redisStore.close();
            redis.close();
        }
        if (rejected.get() > 0) {
            throw new IllegalStateException(rejected.get() + " admissions were rejected: the benchmark is invalid");
        }
    }

    @Benchmark
    public Admission admitAndSettle() {
        List<Scope> scopes = scopesByKey.get((int) (next.getAndIncrement() % keys));
        Admission admission = enforcer.admit(scopes, demand);
        if (admission instanceof Admission.Admitted admitted) {
            enforcer.settle(admitted.reservation(), usage);
        } else {
            rejected.incrementAndGet();
        }
        return admission;
    }
}
