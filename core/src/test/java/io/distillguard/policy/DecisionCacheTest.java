package io.distillguard.policy;

import io.distillguard.policy.cache.DecisionCache;
import io.distillguard.policy.cache.Lift;
import io.distillguard.policy.cache.ManualAction;
import io.distillguard.policy.cache.RecordOutcome;
import io.distillguard.policy.decision.Allow;
import io.distillguard.policy.decision.Block;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Evidence;
import io.distillguard.policy.decision.Issuance;
import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.Scope;
import io.distillguard.policy.decision.Severity;
import io.distillguard.policy.decision.Tag;
import io.distillguard.policy.decision.Throttle;
import io.distillguard.policy.decision.Watermark;
import io.distillguard.policy.file.ActionParams;
import io.distillguard.policy.file.ActionTemplate;
import io.distillguard.policy.file.ActionType;
import io.distillguard.time.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionCacheTest {

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
    private final DecisionCache cache = new DecisionCache(clock);

    private Issuance issuance(String rule, Scope scope, Mode mode, Duration ttl, int priority) {
        Instant now = clock.instant();
        return new Issuance(Issuance.idFor(rule, scope, now), rule, mode, scope, now,
                ttl == null ? null : now.plus(ttl), priority, Evidence.NONE);
    }

    private Throttle throttle(String rule, Scope scope, double factor, Duration ttl) {
        return new Throttle(factor, 0, issuance(rule, scope, Mode.ENFORCE, ttl, 0));
    }

    @Test
    void nothingHeldMeansAllow() {
        assertThat(cache.effective("k", "a", "e")).isSameAs(Allow.NONE);
        assertThat(cache.effective(null, null, null).severity()).isEqualTo(Severity.ALLOW);
    }

    @Test
    void entityDecisionReachesEveryAccountAndKeyOfTheEntity() {
        cache.record(new Watermark(0.5, issuance("w", Scope.entity("ent_1"), Mode.ENFORCE, null, 0)));
        for (String acct : List.of("acct_a", "acct_b", "acct_c")) {
            assertThat(cache.effective("key_" + acct, acct, "ent_1")).isInstanceOf(Watermark.class);
        }
        assertThat(cache.effective("key_x", "acct_x", "ent_2")).isSameAs(Allow.NONE);
    }

    @Test
    void mostSevereOverTheThreeScopesWins() {
        cache.record(new Tag("t", issuance("tag", Scope.key("k1"), Mode.ENFORCE, null, 0)));
        cache.record(throttle("th", Scope.account("a1"), 0.5, null));
        cache.record(new Watermark(0.5, issuance("w", Scope.entity("e1"), Mode.ENFORCE, null, 0)));
        assertThat(cache.effective("k1", "a1", "e1").ruleName()).isEqualTo("th");
        assertThat(cache.effective("k1", "a2", "e1").ruleName()).isEqualTo("w");
        assertThat(cache.effective("k1", "a2", "e2").ruleName()).isEqualTo("tag");
        assertThat(cache.active("k1", "a1", "e1")).extracting(Decision::severity)
                .containsExactly(Severity.THROTTLE, Severity.WATERMARK, Severity.TAG);

        cache.record(new Block("stop", issuance("b", Scope.entity("e1"), Mode.ENFORCE, null, 0)));
        assertThat(cache.effective("k1", "a1", "e1")).isInstanceOf(Block.class);
        // Within one severity the harder throttle wins.
        cache.record(throttle("th2", Scope.key("k1"), 0.05, null));
        assertThat(cache.effective("k1", "a1", "e9").ruleName()).isEqualTo("th2");
    }

    @Test
    void severityOrderIsTotal() {
        Scope s = Scope.entity("e");
        List<Decision> ds = new java.util.ArrayList<>(List.of(
                new Tag("t", issuance("a", s, Mode.ENFORCE, null, 0)),
                new Block("b", issuance("b", s, Mode.ENFORCE, null, 0)),
                throttle("c", s, 0.5, null), throttle("d", s, 0.1, null),
                new Watermark(0.3, issuance("e", s, Mode.ENFORCE, null, 0)),
                new Tag("t", issuance("f", s, Mode.ENFORCE, null, 9))));
        ds.sort(Decision.MOST_SEVERE_FIRST);
        assertThat(ds).extracting(Decision::ruleName).containsExactly("b", "d", "c", "e", "f", "a");
    }

    @Test
    void expiryFollowsTheInjectedClockAndExpiredEntriesArePurged() {
        cache.record(throttle("th", Scope.entity("e1"), 0.1, Duration.ofMinutes(30)));
        cache.record(new Tag("t", issuance("tag", Scope.entity("e1"), Mode.ENFORCE, Duration.ofHours(2), 0)));
        clock.advance(Duration.ofMinutes(29).toMillis());
        assertThat(cache.effective(null, null, "e1")).isInstanceOf(Throttle.class);
        clock.advance(Duration.ofMinutes(1).toMillis());
        assertThat(cache.effective(null, null, "e1")).isInstanceOf(Tag.class);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.purgeExpired()).isEqualTo(1);
        clock.advance(Duration.ofHours(2).toMillis());
        assertThat(cache.effective(null, null, "e1")).isSameAs(Allow.NONE);
        assertThat(cache.purgeExpired()).isEqualTo(1);
        assertThat(cache.size()).isZero();
    }

    @Test
    void memoryStaysBoundedUnderChurn() {
        for (int i = 0; i < 10_000; i++) {
            cache.record(throttle("th", Scope.account("acct_" + i), 0.5, Duration.ofSeconds(10)));
            clock.advance(100);
        }
        // Only decisions younger than 10 s (100 of them) plus at most one purge interval of expired ones remain.
        assertThat(cache.size()).isLessThanOrEqualTo(100 + 1024);
    }

    @Test
    void shadowDecisionsAreCountedButNeverEnforced() {
        cache.record(new Block("b", issuance("block-rule", Scope.entity("e1"), Mode.SHADOW, null, 0)));
        cache.record(new Block("b", issuance("block-rule", Scope.entity("e1"), Mode.SHADOW, null, 0)));
        assertThat(cache.effective("k", "a", "e1")).isSameAs(Allow.NONE);
        assertThat(cache.active("k", "a", "e1")).isEmpty();
        assertThat(cache.shadow("k", "a", "e1")).extracting(Decision::ruleName).containsExactly("block-rule");
        assertThat(cache.shadowHits()).containsEntry("block-rule", 2L);
    }

    @Test
    void repeatedDecisionRefreshesKeepingItsIdWhileAChangedActionReplacesIt() {
        RecordOutcome first = cache.record(throttle("th", Scope.entity("e1"), 0.5, Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(5).toMillis());
        RecordOutcome again = cache.record(throttle("th", Scope.entity("e1"), 0.5, Duration.ofMinutes(10)));
        assertThat(first.isNew()).isTrue();
        assertThat(again.isNew()).isFalse();
        assertThat(again.decision().id()).isEqualTo(first.decision().id());
        assertThat(again.decision().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        RecordOutcome changed = cache.record(throttle("th", Scope.entity("e1"), 0.2, Duration.ofMinutes(10)));
        assertThat(changed.isNew()).isTrue();
        assertThat(cache.active(null, null, "e1")).containsExactly(changed.decision());
    }

    @Test
    void manualActionAndLiftGoThroughTheCache() {
        ManualAction block = new ManualAction("alice", "case 42: confirmed reseller of outputs", Scope.entity("e1"),
                new ActionTemplate(ActionType.BLOCK, ActionParams.NONE), Duration.ofDays(1), Mode.ENFORCE);
        Decision d = cache.apply(block).decision();
        assertThat(d.ruleName()).isEqualTo("operator:alice");
        assertThat(d.evidence().note()).isEqualTo("case 42: confirmed reseller of outputs");
        cache.record(new Watermark(0.5, issuance("w", Scope.entity("e1"), Mode.ENFORCE, null, 0)));
        assertThat(cache.effective("k", "a", "e1")).isEqualTo(d);

        List<Decision> lifted = cache.lift(new Lift("bob", "appeal accepted", Scope.entity("e1"), d.id()));
        assertThat(lifted).containsExactly(d);
        assertThat(cache.effective("k", "a", "e1")).isInstanceOf(Watermark.class);
        assertThat(cache.lift(new Lift("bob", "all clear", Scope.entity("e1"), null))).hasSize(1);
        assertThat(cache.effective("k", "a", "e1")).isSameAs(Allow.NONE);

        assertThatThrownBy(() -> new ManualAction("alice", " ", Scope.entity("e1"),
                new ActionTemplate(ActionType.BLOCK, null), null, Mode.ENFORCE))
                .hasMessageContaining("reason is mandatory");
        assertThatThrownBy(() -> new Lift("bob", null, Scope.entity("e1"), null))
                .hasMessageContaining("reason is mandatory");
    }

    @Test
    void concurrentReadersSeeConsistentDecisionsWhileWritersChurn() throws Exception {
        cache.record(new Block("b", issuance("b", Scope.entity("hot"), Mode.ENFORCE, null, 0)));
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 2_000; i++) {
                cache.record(throttle("th" + (i % 7), Scope.entity("hot"), 0.5, null));
            }
        });
        writer.start();
        long reads = 0;
        long blocks = 0;
        while (writer.isAlive()) {
            reads++;
            blocks += cache.effective("k", "a", "hot") instanceof Block ? 1 : 0;
        }
        writer.join();
        assertThat(blocks).isEqualTo(reads);
        assertThat(cache.active("k", "a", "hot")).hasSize(8);
    }
}
