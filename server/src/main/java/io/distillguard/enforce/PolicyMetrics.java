package io.distillguard.enforce;

import io.distillguard.policy.decision.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus counters of policy enforcement: {@code distillguard_policy_enforced_total{rule,action}} counts requests a
 * decision took effect on, {@code distillguard_policy_shadow_hits_total{rule,action}} requests a shadow decision would
 * have taken effect on. Meters are cached per (rule, action); rules are few, so the label set stays small.
 */
public final class PolicyMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> enforced = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> shadow = new ConcurrentHashMap<>();

    public PolicyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void enforced(Decision d) {
        counter(enforced, "distillguard_policy_enforced", "Requests a policy decision took effect on", d).increment();
    }

    public void shadowHit(Decision d) {
        counter(shadow, "distillguard_policy_shadow_hits", "Requests a shadow policy decision would have affected", d)
                .increment();
    }

    private Counter counter(ConcurrentHashMap<String, Counter> cache, String name, String help, Decision d) {
        String rule = d.ruleName();
        String action = d.action();
        return cache.computeIfAbsent(rule + '|' + action, k -> Counter.builder(name).description(help)
                .tag("rule", rule).tag("action", action).register(registry));
    }
}
