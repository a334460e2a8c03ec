package io.distillguard.policy;

import io.distillguard.policy.cel.ConditionResult;
import io.distillguard.policy.cel.PolicyVariables;
import io.distillguard.policy.cel.ReferencedNames;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Evidence;
import io.distillguard.policy.decision.Issuance;
import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.Scope;
import io.distillguard.policy.decision.ScopeType;
import io.distillguard.policy.file.AllowlistEntry;
import io.distillguard.policy.file.Policy;
import io.distillguard.policy.file.Rule;
import io.distillguard.policy.input.PolicyInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Evaluates every rule of the current policy against one input and returns the decisions of all rules that match,
 * most severe first. Runs off the request path (on detector output); the gateway reads the results from the
 * {@link io.distillguard.policy.cache.DecisionCache}. Allowlisted entities and accounts get no enforcement: their
 * matching rules come back in shadow mode with a note naming the contract. Pure function of (policy, input, now), so a
 * replay of history reproduces the same decisions and ids. Thread-safe.
 */
public final class PolicyEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);

    private static final Set<ScopeType> ALL_SCOPES = EnumSet.allOf(ScopeType.class);

    private final Supplier<Policy> policy;
    private final LongAdder evaluationErrors = new LongAdder();
    private final Map<String, String> lastErrorByRule = new ConcurrentHashMap<>();

    /** @param policy the running policy, read on each evaluation (e.g. {@link io.distillguard.policy.file.PolicyFileWatcher}) */
    public PolicyEngine(Supplier<Policy> policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public PolicyEngine(Policy fixed) {
        this(() -> fixed);
    }

    public Policy currentPolicy() {
        return policy.get();
    }

    public List<Decision> evaluate(PolicyInput input, Instant now) {
        return evaluate(input, now, ALL_SCOPES);
    }

    /**
     * Evaluates only the rules attached to one of {@code scopes}: a caller that feeds one input per entity and one
     * per key evaluates entity and account rules on the first and key rules on the second.
     */
    public List<Decision> evaluate(PolicyInput input, Instant now, Set<ScopeType> scopes) {
        Policy p = policy.get();
        Optional<AllowlistEntry> allowed = p.allowlist().match(input.entity().id(), input.account().id());
        if (allowed.isPresent() && !input.entity().allowlisted()) {
            input = input.withEntity(input.entity().asAllowlisted());
        }
        String allowNote = allowed.map(a -> "allowlisted (contract " + a.contract() + "): not enforced")
                .orElse(input.entity().allowlisted() ? "allowlisted: not enforced" : null);
        Map<String, Object> activation = activation(input);
        List<Decision> decisions = new ArrayList<>();
        for (Rule rule : p.rules()) {
            if (!scopes.contains(rule.scope())) {
                continue;
            }
            ConditionResult result = rule.condition().evaluate(activation, input.signals());
            if (result.error() != null) {
                recordError(rule.name(), result.error());
                continue;
            }
            if (!result.matched()) {
                continue;
            }
            Scope scope = scopeOf(rule, input);
            if (scope == null) {
                recordError(rule.name(), "input has no " + rule.scope().name().toLowerCase() + " id");
                continue;
            }
            Evidence evidence = evidence(rule.condition().references(), activation, input);
            Mode mode = rule.mode();
            if (allowNote != null) {
                evidence = evidence.withNote(allowNote);
                mode = Mode.SHADOW;
            }
            Instant expires = rule.duration() == null ? null : now.plus(rule.duration());
            Issuance issuance = new Issuance(Issuance.idFor(rule.name(), scope, now), rule.name(), mode, scope, now,
                    expires, rule.priority(), evidence);
            decisions.add(rule.action().issue(issuance));
        }
        decisions.sort(Decision.MOST_SEVERE_FIRST);
        return decisions;
    }

    /** Conditions that failed at run time so far (they count as "no match"). */
    public long evaluationErrors() {
        return evaluationErrors.sum();
    }

    /** The last run-time error of each rule that had one. */
    public Map<String, String> lastErrorByRule() {
        return Map.copyOf(lastErrorByRule);
    }

    private void recordError(String rule, String error) {
        evaluationErrors.increment();
        if (!error.equals(lastErrorByRule.put(rule, error))) {
            LOG.warn("policy rule '{}' failed to evaluate: {}", rule, error);
        }
    }

    private static Map<String, Object> activation(PolicyInput in) {
        Map<String, Object> vars = new HashMap<>(8);
        vars.put(PolicyVariables.ENTITY, in.entity().toCel());
        vars.put(PolicyVariables.SIGNALS, in.signals());
        vars.put(PolicyVariables.ACCOUNT, in.account().toCel());
        vars.put(PolicyVariables.KEY, in.key().toCel());
        vars.put(PolicyVariables.REQUEST, in.request().toCel());
        vars.put(PolicyVariables.ALERT, in.alert().toCel());
        return vars;
    }

    private static Scope scopeOf(Rule rule, PolicyInput in) {
        String id = switch (rule.scope()) {
            case ENTITY -> in.entity().id();
            case ACCOUNT -> in.account().id();
            case KEY -> in.key().id();
        };
        return id == null || id.isBlank() ? null : new Scope(rule.scope(), id);
    }

    private static Evidence evidence(ReferencedNames refs, Map<String, Object> activation, PolicyInput in) {
        Map<String, Object> facts = new TreeMap<>();
        for (String path : refs.fields()) {
            int dot = path.indexOf('.');
            Object var = activation.get(path.substring(0, dot));
            if (var instanceof Map<?, ?> m) {
                facts.put(path, m.get(path.substring(dot + 1)));
            }
        }
        Map<String, Double> signals = new TreeMap<>();
        for (String s : refs.signals()) {
            signals.put(s, in.signals().getOrDefault(s, 0.0));
        }
        return Evidence.of(facts, signals, in.entity().accounts());
    }
}
