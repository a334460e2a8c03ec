package io.distillguard.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.time.VirtualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admission, settlement and reconfiguration of {@link QuotaEnforcer} on virtual time. */
class QuotaEnforcerTest {
    private VirtualClock clock;
    private InMemoryBucketStore store;
    private QuotaEnforcer enforcer;

    @BeforeEach
    void setUp() {
        clock = new VirtualClock(1_700_000_000_000L);
        store = new InMemoryBucketStore(clock, InMemoryStoreConfig.DEFAULT);
        enforcer = new QuotaEnforcer(store);
    }

    private static Scope key(LimitSpec... limits) {
        return Scope.of(ScopeKind.KEY, "sk-1", limits);
    }

    private static Scope account(LimitSpec... limits) {
        return Scope.of(ScopeKind.ACCOUNT, "acct-1", limits);
    }

    private long available(ScopeKind kind, String id, LimitSpec limit) {
        LimitBucket bucket = store.find(new BucketKey(kind, id, limit.dimension())).orElseThrow();
        long[] available = bucket.available().join().available();
        for (int i = 0; i < available.length; i++) {
            if (bucket.limits().get(i).sameSlot(limit)) {
                return available[i];
            }
        }
        throw new AssertionError("no " + limit + " in " + bucket.limits());
    }

    private static Admission.Admitted admitted(Admission admission) {
        assertThat(admission).isInstanceOf(Admission.Admitted.class);
        return (Admission.Admitted) admission;
    }

    private static Admission.Rejected rejected(Admission admission) {
        assertThat(admission).isInstanceOf(Admission.Rejected.class);
        return (Admission.Rejected) admission;
    }

    @Test
    void aRejectionInOneScopeConsumesNothingInAnyOther() {
        LimitSpec keyRpm = LimitSpec.requestsPerMinute(100);
        LimitSpec keyOtpm = LimitSpec.outputTokensPerMinute(10_000);
        LimitSpec accountItpm = LimitSpec.inputTokensPerMinute(1_000);
        List<Scope> scopes = List.of(key(keyRpm, keyOtpm), account(LimitSpec.requestsPerMinute(100), accountItpm));

        admitted(enforcer.admit(scopes, new Demand(1, 900, 500)));
        Admission.Rejected rejection = rejected(enforcer.admit(scopes, new Demand(1, 200, 500)));

        assertThat(rejection.scope()).isEqualTo(ScopeKind.ACCOUNT);
        assertThat(rejection.dimension()).isEqualTo(Dimension.INPUT_TOKENS);
        assertThat(rejection.limit()).isEqualTo(accountItpm);
        assertThat(rejection.used()).isEqualTo(900);
        assertThat(rejection.requested()).isEqualTo(200);
        assertThat(rejection.retryAfterMillis()).isEqualTo(6_000);
        assertThat(available(ScopeKind.KEY, "sk-1", keyRpm)).isEqualTo(99);
        assertThat(available(ScopeKind.KEY, "sk-1", keyOtpm)).isEqualTo(9_500);
        assertThat(available(ScopeKind.ACCOUNT, "acct-1", LimitSpec.requestsPerMinute(100))).isEqualTo(99);
        assertThat(rejection.status().limits()).extracting(LimitState::remaining).containsExactly(99L, 9_500L, 99L, 100L);
    }

    @Test
    void settlementRefundsUnusedTokensAndChargesOverUse() {
        LimitSpec itpm = LimitSpec.inputTokensPerMinute(10_000);
        LimitSpec otpd = LimitSpec.outputTokensPerDay(5_000);
        List<Scope> scopes = List.of(key(itpm, otpd));

        Reservation first = admitted(enforcer.admit(scopes, new Demand(1, 1_000, 4_000))).reservation();
        assertThat(rejected(enforcer.admit(scopes, new Demand(1, 10, 2_000))).dimension())
                .isEqualTo(Dimension.OUTPUT_TOKENS);
        enforcer.settle(first, new ActualUsage(1_100, 300));
        assertThat(available(ScopeKind.KEY, "sk-1", itpm)).isEqualTo(8_900);
        assertThat(available(ScopeKind.KEY, "sk-1", otpd)).isEqualTo(4_700);

        Reservation second = admitted(enforcer.admit(scopes, new Demand(1, 10, 2_000))).reservation();
        enforcer.settle(second, new ActualUsage(10, 6_000));
        assertThat(available(ScopeKind.KEY, "sk-1", otpd)).isEqualTo(-1_300);
        assertThat(rejected(enforcer.admit(scopes, new Demand(1, 10, 1))).retryAfterMillis())
                .isEqualTo(Duration.ofDays(1).toMillis() * 1_301 / 5_000);
    }

    @Test
    void settlingTwiceHasNoFurtherEffect() {
        LimitSpec otpm = LimitSpec.outputTokensPerMinute(1_000);
        Reservation reservation = admitted(enforcer.admit(List.of(key(otpm)), new Demand(1, 0, 800))).reservation();
        enforcer.settle(reservation, new ActualUsage(0, 100));
        enforcer.settle(reservation, new ActualUsage(0, 0));
        enforcer.release(reservation);
        assertThat(reservation.isClosed()).isTrue();
        assertThat(available(ScopeKind.KEY, "sk-1", otpm)).isEqualTo(900);
    }

    @Test
    void releaseRefundsTokensButKeepsTheRequestCounted() {
        LimitSpec rpm = LimitSpec.requestsPerMinute(3);
        LimitSpec otpm = LimitSpec.outputTokensPerMinute(1_000);
        Reservation reservation = admitted(enforcer.admit(List.of(key(rpm, otpm)), new Demand(1, 0, 800)))
                .reservation();
        enforcer.release(reservation);
        assertThat(available(ScopeKind.KEY, "sk-1", otpm)).isEqualTo(1_000);
        assertThat(available(ScopeKind.KEY, "sk-1", rpm)).isEqualTo(2);
    }

    @Test
    void exhaustedRequestsRefillOnVirtualTime() {
        List<Scope> scopes = List.of(key(LimitSpec.requestsPerMinute(3)));
        Demand one = new Demand(1, 0, 0);
        for (int i = 0; i < 3; i++) {
            admitted(enforcer.admit(scopes, one));
        }
        Admission.Rejected rejection = rejected(enforcer.admit(scopes, one));
        assertThat(rejection.retryAfterMillis()).isEqualTo(20_000);
        assertThat(rejection.used()).isEqualTo(3);
        clock.advance(19_999);
        rejected(enforcer.admit(scopes, one));
        clock.advance(1);
        Admission.Admitted again = admitted(enforcer.admit(scopes, one));
        assertThat(again.status().requests()).get().extracting(LimitState::resetMillis).isEqualTo(60_000L);
    }

    @Test
    void aLoweredLimitForAThrottledEntityKeepsItsUsage() {
        LimitSpec normal = LimitSpec.outputTokensPerDay(100_000);
        Scope entity = Scope.of(ScopeKind.ENTITY, "ent-7", normal);
        admitted(enforcer.admit(List.of(entity), new Demand(1, 0, 60_000)));

        Scope throttled = Scope.of(ScopeKind.ENTITY, "ent-7", normal.withCapacity(50_000));
        Admission.Rejected rejection = rejected(enforcer.admit(List.of(throttled), new Demand(1, 0, 1)));
        assertThat(rejection.limit().capacity()).isEqualTo(50_000);
        assertThat(rejection.used()).isEqualTo(60_000);
        assertThat(rejection.status().limits()).extracting(LimitState::remaining).containsExactly(-10_000L);
        clock.advance(Duration.ofHours(6).toMillis());
        assertThat(available(ScopeKind.ENTITY, "ent-7", normal.withCapacity(50_000))).isEqualTo(2_500);

        Scope restored = Scope.of(ScopeKind.ENTITY, "ent-7", normal);
        admitted(enforcer.admit(List.of(restored), new Demand(1, 0, 52_500)));
        assertThat(available(ScopeKind.ENTITY, "ent-7", normal)).isZero();
    }

    @Test
    void aRequestLargerThanTheLimitIsTooLargeNotRetryable() {
        LimitSpec otpm = LimitSpec.outputTokensPerMinute(4_096);
        Admission.Rejected rejection = rejected(enforcer.admit(List.of(key(otpm)),
                Demand.forCompletion(100, null, 2, 4_096)));
        assertThat(rejection.tooLarge()).isTrue();
        assertThat(rejection.requested()).isEqualTo(8_192);
        assertThat(available(ScopeKind.KEY, "sk-1", otpm)).isEqualTo(4_096);
    }

    @Test
    void admittedStatusNamesTheMostConstrainingLimitPerFamily() {
        List<Scope> scopes = List.of(
                key(LimitSpec.requestsPerMinute(100), LimitSpec.outputTokensPerMinute(10_000)),
                Scope.of(ScopeKind.ORG, "org-1", LimitSpec.requestsPerMinute(10), LimitSpec.inputTokensPerMinute(2_000)));
        Admission.Admitted admitted = admitted(enforcer.admit(scopes, new Demand(1, 1_500, 1_000)));
        assertThat(admitted.status().requests()).get()
                .satisfies(s -> assertThat(s.scope()).isEqualTo(ScopeKind.ORG))
                .satisfies(s -> assertThat(s.remaining()).isEqualTo(9));
        assertThat(admitted.status().tokens()).get()
                .satisfies(s -> assertThat(s.limit().dimension()).isEqualTo(Dimension.INPUT_TOKENS))
                .satisfies(s -> assertThat(s.remaining()).isEqualTo(500))
                .satisfies(s -> assertThat(s.resetMillis()).isEqualTo(45_000));
    }
}
