package io.distillguard.monitor;

import io.distillguard.alert.Alert;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.detect.risk.SignalContribution;
import io.distillguard.event.UsageEvent;
import io.distillguard.policy.PolicyRuntime;
import io.distillguard.policy.decision.ScopeType;
import io.distillguard.policy.input.AccountContext;
import io.distillguard.policy.input.AlertContext;
import io.distillguard.policy.input.EntityContext;
import io.distillguard.policy.input.KeyContext;
import io.distillguard.policy.input.PolicyInput;
import io.distillguard.registry.Account;
import io.distillguard.registry.Registry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes the loop from detection to enforcement: every entity risk update becomes a {@link PolicyInput} (entity,
 * accounts, per-signal scores, open alert) that the policy runtime evaluates; its decisions land in the decision cache
 * that the gateway reads on the entity's next request. Runs on the detection thread, never on the request path.
 *
 * <p>Key-scoped rules get their own inputs: after the entity's evaluation (entity and account rules), each of the
 * entity's busiest keys of the last hour (at most {@value #MAX_KEYS}) is evaluated against the key rules with the
 * entity's risk and signals plus the key's own traffic ({@link KeyContext}: requests, logprobs requests, logit_bias
 * probes, share of the entity's requests) and the key's account, so a rule can act on the key that did it. Key traffic
 * comes from {@link #onEvent}, called on the detection thread before the detectors see the event.
 *
 * <p>Signals reach policies under the detection engine's names ({@code content}, {@code api_surface}, {@code fleet},
 * ...) and under the policy pack's names for the same evidence: {@code reasoning_elicitation} = {@code content},
 * {@code logprob_harvest} = {@code api_surface}, {@code logit_bias_probe} = {@code api_surface} when its explanation
 * names logit_bias (see docs/policies.md).
 */
public final class PolicyBridge {
    private static final double MIN_RISK_TO_EVALUATE = 0.2;
    private static final int MAX_ACCOUNTS = 500;
    static final int MAX_KEYS = 20;
    private static final Set<ScopeType> ENTITY_RULES = EnumSet.of(ScopeType.ENTITY, ScopeType.ACCOUNT);
    private static final Set<ScopeType> KEY_RULES = EnumSet.of(ScopeType.KEY);

    private final PolicyRuntime runtime;
    private final Registry registry;
    private final Clock clock;
    private final Map<String, Alert> openAlerts = new ConcurrentHashMap<>();
    private final KeyActivity keys = new KeyActivity(100_000);

    public PolicyBridge(PolicyRuntime runtime, Registry registry, Clock clock) {
        this.runtime = runtime;
        this.registry = registry;
        this.clock = clock;
    }

    /** Remembers the latest alert revision of each entity (its presence and score feed the policies). */
    public void onAlert(Alert alert) {
        openAlerts.put(alert.entityId(), alert);
    }

    /** Counts the event's key traffic (detection thread, before the detectors see the event). */
    public void onEvent(UsageEvent event) {
        keys.record(event);
    }

    /** Evaluates the policies for one entity's new risk score: entity and account rules, then key rules per key. */
    public void onRiskScore(RiskScore score, Set<String> members) {
        if (score.score() < MIN_RISK_TO_EVALUATE) {
            return;
        }
        Instant now = clock.instant();
        List<KeyActivity.KeyWindow> recent = keys.recent(members, now.toEpochMilli());
        PolicyInput entityInput = input(score, members, recent);
        runtime.evaluate(entityInput, ENTITY_RULES);
        long entityRequests = entityInput.entity().requests1h();
        for (KeyActivity.KeyWindow w : recent.subList(0, Math.min(MAX_KEYS, recent.size()))) {
            long ageDays = registry.key(w.keyId()).map(k -> Duration.between(k.createdAt(), now).toDays()).orElse(0L);
            KeyContext key = new KeyContext(w.keyId(), ageDays, w.requests(), w.logprobsRequests(),
                    w.logitBiasProbes(), entityRequests == 0 ? 0.0 : Math.min(1.0, (double) w.requests() / entityRequests));
            AccountContext account = registry.account(w.accountId()).map(a -> accountContext(a, now))
                    .orElse(entityInput.account());
            runtime.evaluate(new PolicyInput(entityInput.entity(), entityInput.signals(), account, key, null,
                    entityInput.alert()), KEY_RULES);
        }
    }

    PolicyInput input(RiskScore score, Set<String> members, List<KeyActivity.KeyWindow> recent) {
        List<String> accounts = members.stream().sorted().limit(MAX_ACCOUNTS).toList();
        Instant now = clock.instant();
        long createdLastDay = 0;
        boolean allVerified = !accounts.isEmpty();
        Account first = null;
        for (String id : accounts) {
            Optional<Account> a = registry.account(id);
            if (a.isEmpty()) {
                allVerified = false;
                continue;
            }
            first = first == null ? a.get() : first;
            if (Duration.between(a.get().createdAt(), now).compareTo(Duration.ofDays(1)) <= 0) {
                createdLastDay++;
            }
            allVerified &= a.get().verified();
        }
        Alert alert = openAlerts.get(score.entityId());
        double linkConfidence = accounts.size() <= 1 ? 0.0 : alert == null || alert.linkReasons().isEmpty() ? 0.6
                : alert.linkReasons().stream().mapToDouble(r -> r.score()).max().orElse(0.6);
        EntityContext entity = new EntityContext(score.entityId(), accounts, createdLastDay, score.score(),
                linkConfidence, allVerified, false, first == null ? "" : first.tierName(),
                recent.stream().mapToLong(KeyActivity.KeyWindow::requests).sum(),
                recent.stream().mapToLong(KeyActivity.KeyWindow::tokens).sum(), 0);
        AccountContext account = first == null ? null : accountContext(first, now);
        AlertContext alertContext = alert == null ? AlertContext.NONE : new AlertContext(true, alert.score(),
                alert.signals().stream().map(s -> s.reading().signal()).toList());
        return new PolicyInput(entity, signals(score), account, null, null, alertContext);
    }

    private static AccountContext accountContext(Account a, Instant now) {
        return new AccountContext(a.id(), a.orgId(), a.tierName(), Duration.between(a.createdAt(), now).toDays(),
                a.verified(), a.emailDomain(), a.signupPath());
    }

    static Map<String, Double> signals(RiskScore score) {
        Map<String, Double> out = new HashMap<>();
        for (SignalContribution c : score.breakdown()) {
            out.put(c.reading().signal(), c.reading().score());
        }
        double content = out.getOrDefault("content", 0.0);
        double api = out.getOrDefault("api_surface", 0.0);
        out.put("reasoning_elicitation", content);
        out.put("logprob_harvest", api);
        SignalContribution apiReading = score.signal("api_surface");
        boolean logitBias = apiReading != null && apiReading.reading().explanation() != null
                && apiReading.reading().explanation().contains("logit_bias");
        out.put("logit_bias_probe", logitBias ? api : 0.0);
        return out;
    }
}
