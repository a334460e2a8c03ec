package io.distillguard.policy;

import io.distillguard.policy.decision.Block;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Degrade;
import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.RequireVerification;
import io.distillguard.policy.decision.Scope;
import io.distillguard.policy.decision.Severity;
import io.distillguard.policy.decision.Tag;
import io.distillguard.policy.decision.Throttle;
import io.distillguard.policy.decision.Watermark;
import io.distillguard.policy.file.Policy;
import io.distillguard.policy.file.PolicyLoadResult;
import io.distillguard.policy.file.PolicyLoader;
import io.distillguard.policy.input.AccountContext;
import io.distillguard.policy.input.AlertContext;
import io.distillguard.policy.input.EntityContext;
import io.distillguard.policy.input.KeyContext;
import io.distillguard.policy.input.PolicyInput;
import io.distillguard.policy.input.RequestContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.distillguard.policy.Inputs.entity;
import static io.distillguard.policy.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyEngineTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final PolicyLoader LOADER = new PolicyLoader();

    static Policy load(String yaml) {
        PolicyLoadResult r = LOADER.load(yaml);
        assertThat(r).as(r.toString()).isInstanceOf(PolicyLoadResult.Loaded.class);
        return ((PolicyLoadResult.Loaded) r).policy();
    }

    private static final Policy EVERY_ACTION = load("""
            version: every-action
            allowlist:
              - entity: ent_partner
                contract: C-7
                note: eval partner
              - account: acct_contracted
                contract: C-8
            rules:
              - {name: t, when: "entity.risk >= 0.1", action: tag, params: {label: look}}
              - {name: w, when: "entity.risk >= 0.2", action: watermark, params: {strength: 0.8}, duration: 7d}
              - {name: d, when: "signals.logprob_harvest >= 0.5", action: degrade,
                 params: {strip_logprobs: true, max_n: 1, max_tokens: 512}}
              - {name: th, when: "entity.risk >= 0.5", action: throttle, params: {factor: 0.2, delay_ms: 250},
                 duration: 6h, priority: 5}
              - {name: rv, when: "entity.accounts_created_last_day >= 3 && !entity.verified",
                 action: require_verification, params: {message: verify please}, scope: account}
              - {name: b, when: "entity.risk >= 0.9 && signals['fleet'] > 0.8", action: block,
                 params: {reason: done}, mode: shadow, scope: key}
            """);

    @Test
    void producesEveryActionMostSevereFirstWithEvidence() {
        PolicyEngine engine = new PolicyEngine(EVERY_ACTION);
        EntityContext e = entity("ent_1", 6, 4, 0.95, 0.9, false);
        List<Decision> out = engine.evaluate(input(e, Map.of("logprob_harvest", 0.7, "fleet", 0.85)), NOW);

        assertThat(out).extracting(Decision::severity).containsExactly(Severity.BLOCK,
                Severity.REQUIRE_VERIFICATION, Severity.THROTTLE, Severity.DEGRADE, Severity.WATERMARK, Severity.TAG);
        Block block = (Block) out.get(0);
        assertThat(block.reason()).isEqualTo("done");
        assertThat(block.mode()).isEqualTo(Mode.SHADOW);
        assertThat(block.scope()).isEqualTo(Scope.key("key_ent_1"));
        assertThat(block.evidence().signals()).containsExactlyEntriesOf(Map.of("fleet", 0.85));
        assertThat(block.evidence().facts()).containsEntry("entity.risk", 0.95);
        assertThat(block.expiresAt()).isNull();

        RequireVerification rv = (RequireVerification) out.get(1);
        assertThat(rv.message()).isEqualTo("verify please");
        assertThat(rv.scope()).isEqualTo(Scope.account("acct_ent_1_0"));
        assertThat(rv.evidence().facts()).containsEntry("entity.accounts_created_last_day", 4L)
                .containsEntry("entity.verified", false);

        Throttle th = (Throttle) out.get(2);
        assertThat(th.factor()).isEqualTo(0.2);
        assertThat(th.delayMs()).isEqualTo(250);
        assertThat(th.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(6)));
        assertThat(th.scope()).isEqualTo(Scope.entity("ent_1"));
        assertThat(th.evidence().accounts()).hasSize(6).contains("acct_ent_1_5");
        assertThat(th.issuance().priority()).isEqualTo(5);

        Degrade d = (Degrade) out.get(3);
        assertThat(d.spec().stripLogprobs()).isTrue();
        assertThat(d.spec().maxN()).isEqualTo(1);
        assertThat(d.spec().maxTokens()).isEqualTo(512);
        assertThat(d.spec().refuseLogitBiasWithLogprobs()).isFalse();
        assertThat(d.evidence().signals()).containsEntry("logprob_harvest", 0.7);

        assertThat(((Watermark) out.get(4)).strength()).isEqualTo(0.8);
        assertThat(((Tag) out.get(5)).label()).isEqualTo("look");
        assertThat(out).allSatisfy(x -> assertThat(x.issuedAt()).isEqualTo(NOW));
    }

    @Test
    void decisionsAreReproducibleForReplay() {
        PolicyEngine engine = new PolicyEngine(EVERY_ACTION);
        var in = input(entity("ent_1", 6, 4, 0.95, 0.9, false), Map.of("logprob_harvest", 0.7));
        assertThat(engine.evaluate(in, NOW)).isEqualTo(engine.evaluate(in, NOW));
        assertThat(engine.evaluate(in, NOW).get(0).id()).isNotEqualTo(engine.evaluate(in, NOW.plusSeconds(1)).get(0).id());
    }

    @Test
    void unreportedSignalReadsZeroAndLowRiskGetsNothing() {
        PolicyEngine engine = new PolicyEngine(EVERY_ACTION);
        assertThat(engine.evaluate(input(entity("ent_2", 1, 0, 0.05, 1.0, true), Map.of()), NOW)).isEmpty();
        List<Decision> out = engine.evaluate(input(entity("ent_3", 1, 0, 0.95, 1.0, true), Map.of()), NOW);
        assertThat(out).extracting(Decision::ruleName).containsExactly("th", "w", "t");
        assertThat(engine.evaluationErrors()).isZero();
    }

    @Test
    void allowlistedEntityOrAccountGetsOnlyShadowDecisionsWithTheContract() {
        PolicyEngine engine = new PolicyEngine(EVERY_ACTION);
        List<Decision> out = engine.evaluate(input(entity("ent_partner", 6, 4, 0.95, 0.9, false),
                Map.of("logprob_harvest", 0.9)), NOW);
        assertThat(out).hasSize(5).allSatisfy(d -> {
            assertThat(d.mode()).isEqualTo(Mode.SHADOW);
            assertThat(d.evidence().note()).contains("allowlisted (contract C-7)");
        });

        EntityContext e = new EntityContext("ent_9", List.of("acct_contracted"), 0, 0.6, 1, true, false, "", 0, 0, 0);
        assertThat(engine.evaluate(input(e, Map.of()), NOW)).isNotEmpty()
                .allSatisfy(d -> assertThat(d.evidence().note()).contains("contract C-8"))
                .noneMatch(Decision::enforced);
    }

    @Test
    void runtimeErrorCountsAsNoMatchAndIsReported() {
        Policy p = load("""
                version: e
                rules:
                  - {name: first-signal, when: "alert.top_signals[0] == 'fleet'", action: tag}
                  - {name: fine, when: "true", action: tag}
                """);
        PolicyEngine engine = new PolicyEngine(p);
        List<Decision> out = engine.evaluate(input(entity("ent_4", 1, 0, 0.1, 1, true), Map.of()), NOW);
        assertThat(out).extracting(Decision::ruleName).containsExactly("fine");
        assertThat(engine.evaluationErrors()).isEqualTo(1);
        assertThat(engine.lastErrorByRule()).containsOnlyKeys("first-signal");
    }

    @Test
    void defaultPackDecidesSensiblyOnHandBuiltEntities() {
        PolicyEngine engine = new PolicyEngine(((PolicyLoadResult.Loaded) LOADER.loadResource("policies/default.yaml")).policy());

        // A verified, low-risk customer: nothing.
        assertThat(engine.evaluate(input(entity("benign", 2, 0, 0.1, 0.3, true), Map.of("volume", 0.2)), NOW))
                .isEmpty();

        // Moderate risk: only a tag.
        assertThat(engine.evaluate(input(entity("moderate", 1, 0, 0.45, 1, false), Map.of()), NOW))
                .extracting(Decision::ruleName).containsExactly("tag-moderate-risk");

        // A logprob harvester sending logit_bias with logprobs: degrade on the entity, refuse on the key.
        RequestContext probe = new RequestContext("chat_completions", "m", 1, 1, true, 5, 300, false, 0.0);
        List<Decision> harvester = engine.evaluate(input(entity("harvester", 1, 0, 0.45, 1, false),
                Map.of("logprob_harvest", 0.8), probe, AlertContext.NONE), NOW);
        assertThat(harvester).extracting(Decision::ruleName).containsExactly(
                "refuse-logit-bias-probing", "degrade-logprob-harvesting", "tag-moderate-risk");
        assertThat(harvester.get(0).scope()).isEqualTo(Scope.key("key_harvester"));
        assertThat(((Degrade) harvester.get(0)).spec().refuseLogitBiasWithLogprobs()).isTrue();

        // A new unverified fleet at high risk: verification, throttle, watermark, tag; the block stays in shadow.
        EntityContext fleet = entity("fleet", 40, 25, 0.97, 0.95, false);
        List<Decision> out = engine.evaluate(input(fleet, Map.of("fleet", 0.9), RequestContext.NONE,
                new AlertContext(true, 0.93, List.of("fleet", "template_concentration"))), NOW);
        assertThat(out).extracting(Decision::ruleName).containsExactly("block-confirmed-campaign",
                "verify-new-unverified-fleet", "throttle-high-risk", "watermark-flagged", "tag-moderate-risk");
        assertThat(out.get(0).enforced()).isFalse();
        assertThat(out.subList(1, out.size())).allMatch(Decision::enforced);

        // A bulk distiller: one new, unverified account whose dataset sweep alerted must verify; an established
        // account with the same readings is throttled and watermarked, never asked to verify by this rule.
        EntityContext sweeper = entity("sweeper", 1, 1, 0.8, 1, false);
        Map<String, Double> sweep = Map.of("dataset_sweep", 0.93);
        AlertContext sweepAlert = new AlertContext(true, 0.8, List.of("dataset_sweep"));
        List<Decision> young = engine.evaluate(new PolicyInput(sweeper, sweep, new AccountContext(
                "acct_sweeper_0", "", "standard", 3, false, "", ""), KeyContext.NONE, RequestContext.NONE,
                sweepAlert), NOW);
        assertThat(young).extracting(Decision::ruleName).containsExactly("verify-new-unverified-sweep",
                "throttle-high-risk", "watermark-flagged", "tag-moderate-risk");
        List<Decision> established = engine.evaluate(new PolicyInput(sweeper, sweep, new AccountContext(
                "acct_sweeper_0", "", "standard", 400, false, "", ""), KeyContext.NONE, RequestContext.NONE,
                sweepAlert), NOW);
        assertThat(established).extracting(Decision::ruleName).containsExactly("throttle-high-risk",
                "watermark-flagged", "tag-moderate-risk");

        // The same fleet once verified: no verification demand, no throttle; still watermarked.
        List<Decision> verified = engine.evaluate(input(new EntityContext("fleet", fleet.accounts(), 25, 0.8, 0.95,
                true, false, "paid", 0, 0, 0), Map.of()), NOW);
        assertThat(verified).extracting(Decision::ruleName).containsExactly("watermark-flagged", "tag-moderate-risk");
    }
}
