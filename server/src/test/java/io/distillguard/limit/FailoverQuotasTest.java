package io.distillguard.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.config.RedisLimitsConfig;
import io.distillguard.time.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The enforcer on a real redis-server: reservations and settlement hold in Redis, and when the server is killed each
 * scope follows its fail mode (fail-open: local limits, counted; fail-closed: Unavailable) until the server is back,
 * after which admissions go to Redis again by themselves.
 */
class FailoverQuotasTest {
    private static final Scope KEY = Scope.of(ScopeKind.KEY, "key-1", LimitSpec.requestsPerMinute(1_000),
            LimitSpec.outputTokensPerDay(1_000));
    private static final Scope ENTITY = Scope.of(ScopeKind.ENTITY, "ent-1", LimitSpec.outputTokensPerDay(5_000));

    private final VirtualClock clock = new VirtualClock(1_700_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private RedisServer redis;
    private RedisBucketStore shared;
    private FailoverQuotas quotas;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        shared = new RedisBucketStore(clock, RedisLimitsConfig.defaults().withUri(redis.uri())
                .withTimeouts(2_000, 2_000, 300));
        Map<ScopeKind, FailMode> modes = new EnumMap<>(ScopeKind.class);
        for (ScopeKind kind : ScopeKind.values()) {
            modes.put(kind, kind == ScopeKind.ENTITY ? FailMode.FAIL_CLOSED : FailMode.FAIL_OPEN);
        }
        quotas = new FailoverQuotas(new QuotaEnforcer(shared),
                new QuotaEnforcer(new InMemoryBucketStore(clock, InMemoryStoreConfig.DEFAULT)), modes, 300, meters);
    }

    @AfterEach
    void stop() {
        quotas.close();
        redis.close();
    }

    @Test
    void reservationsAndSettlementLiveInRedis() {
        var admitted = (Admission.Admitted) quotas.admit(List.of(KEY, ENTITY), new Demand(1, 0, 600));
        assertThat(available(ScopeKind.KEY, "key-1", LimitSpec.outputTokensPerDay(1_000))).isEqualTo(400);
        var refused = (Admission.Rejected) quotas.admit(List.of(KEY, ENTITY), new Demand(1, 0, 600));
        assertThat(refused.scope()).isEqualTo(ScopeKind.KEY);
        assertThat(available(ScopeKind.ENTITY, "ent-1", LimitSpec.outputTokensPerDay(5_000)))
                .as("the refused request took nothing from the entity").isEqualTo(4_400);
        quotas.settle(admitted.reservation(), new ActualUsage(0, 100));
        assertThat(available(ScopeKind.KEY, "key-1", LimitSpec.outputTokensPerDay(1_000))).isEqualTo(900);
        assertThat(available(ScopeKind.ENTITY, "ent-1", LimitSpec.outputTokensPerDay(5_000))).isEqualTo(4_900);
    }

    @Test
    void followsEachScopesFailModeWhileRedisIsDownAndRecoversByItself() throws Exception {
        assertThat(quotas.admit(List.of(KEY), new Demand(1, 0, 100))).isInstanceOf(Admission.Admitted.class);
        redis.stop();

        Admission open = quotas.admit(List.of(KEY), new Demand(1, 0, 100));
        assertThat(open).as("a fail-open scope is admitted against local limits").isInstanceOf(Admission.Admitted.class);
        assertThat(((Admission.Admitted) open).reservation().store().remote()).isFalse();
        assertThat(quotas.sharedStoreDown()).isTrue();
        Admission closed = quotas.admit(List.of(KEY, ENTITY), new Demand(1, 0, 100));
        assertThat(closed).isInstanceOfSatisfying(Admission.Unavailable.class, u -> {
            assertThat(u.scope()).isEqualTo(ScopeKind.ENTITY);
            assertThat(u.retryAfterMillis()).isBetween(1L, 300L);
        });
        quotas.settle(((Admission.Admitted) open).reservation(), new ActualUsage(0, 10));
        // local limits still limit: 1,000 per day on the key, 100 reserved above
        assertThat(quotas.admit(List.of(KEY), new Demand(1, 0, 991))).isInstanceOf(Admission.Rejected.class);
        assertThat(meters.counter("distillguard.limits.store.failures", "operation", "admit").count()).isPositive();
        assertThat(meters.counter("distillguard.limits.store.fallback", "mode", "fail-open").count()).isEqualTo(2);
        assertThat(meters.counter("distillguard.limits.store.fallback", "mode", "fail-closed").count()).isEqualTo(1);

        redis.restart(); // empty: what was used before the crash is gone with it
        long deadline = System.nanoTime() + 10_000_000_000L;
        Admission back;
        do {
            Thread.sleep(100);
            back = quotas.admit(List.of(KEY, ENTITY), new Demand(1, 0, 100));
        } while (!(back instanceof Admission.Admitted) && System.nanoTime() < deadline);
        assertThat(back).isInstanceOf(Admission.Admitted.class);
        assertThat(((Admission.Admitted) back).reservation().store().remote()).as("admitted by Redis again").isTrue();
        assertThat(quotas.sharedStoreDown()).isFalse();
        assertThat(available(ScopeKind.ENTITY, "ent-1", LimitSpec.outputTokensPerDay(5_000))).isEqualTo(4_900);
    }

    private long available(ScopeKind kind, String id, LimitSpec limit) {
        LimitBucket bucket = shared.find(new BucketKey(kind, id, limit.dimension())).orElseThrow();
        return bucket.available().join().available()[bucket.limits().indexOf(limit)];
    }
}
