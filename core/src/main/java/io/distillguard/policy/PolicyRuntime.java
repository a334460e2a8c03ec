package io.distillguard.policy;

import io.distillguard.policy.audit.AuditLog;
import io.distillguard.policy.cache.DecisionCache;
import io.distillguard.policy.cache.Lift;
import io.distillguard.policy.cache.ManualAction;
import io.distillguard.policy.cache.RecordOutcome;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.ScopeType;
import io.distillguard.policy.input.PolicyInput;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the engine to the decision cache and the audit log: evaluates an input, records every decision in the cache
 * for the gateway, and audits each one the first time it is made (a rule that keeps matching refreshes its decision
 * without flooding the log). Manual actions and lifts go through here too, so they are audited the same way.
 */
public final class PolicyRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyRuntime.class);

    private final PolicyEngine engine;
    private final DecisionCache cache;
    private final AuditLog audit;
    private final Clock clock;
    private final List<Consumer<Decision>> listeners = new CopyOnWriteArrayList<>();

    public PolicyRuntime(PolicyEngine engine, DecisionCache cache, AuditLog audit, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Evaluates {@code input} now; returns the decisions as held by the cache (refreshes keep their first id). */
    public List<Decision> evaluate(PolicyInput input) {
        return evaluate(input, EnumSet.allOf(ScopeType.class));
    }

    /** Evaluates the rules of {@code scopes} only (see {@link PolicyEngine#evaluate(PolicyInput, Instant, Set)}). */
    public List<Decision> evaluate(PolicyInput input, Set<ScopeType> scopes) {
        List<Decision> held = new ArrayList<>();
        for (Decision d : engine.evaluate(input, clock.instant(), scopes)) {
            RecordOutcome outcome = cache.record(d);
            if (outcome.isNew()) {
                audit.appendDecision(outcome.decision());
                notifyListeners(outcome.decision());
            }
            held.add(outcome.decision());
        }
        return held;
    }

    /**
     * Records a decision made elsewhere (the distributed detection job, read from the decisions topic) as if this
     * runtime had made it: into the cache, audited and announced the first time, refreshed afterwards.
     */
    public RecordOutcome record(Decision decision) {
        RecordOutcome outcome = cache.record(decision);
        if (outcome.isNew()) {
            audit.appendDecision(outcome.decision());
            notifyListeners(outcome.decision());
        }
        return outcome;
    }

    public Decision apply(ManualAction action) {
        RecordOutcome outcome = cache.apply(action);
        audit.appendDecision(outcome.decision());
        notifyListeners(outcome.decision());
        return outcome.decision();
    }

    /**
     * Calls {@code listener} with every decision as it is audited (new rule decisions and manual actions, not
     * refreshes), on the thread that made it; e.g. to publish findings. A failing listener does not stop the others.
     */
    public void onDecision(Consumer<Decision> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void notifyListeners(Decision d) {
        for (Consumer<Decision> l : listeners) {
            try {
                l.accept(d);
            } catch (RuntimeException e) {
                LOG.warn("decision listener failed", e);
            }
        }
    }

    public List<Decision> lift(Lift lift) {
        List<Decision> lifted = cache.lift(lift);
        lifted.forEach(d -> audit.appendLift(lift, d));
        return lifted;
    }

    /** Records what a decision cost its entity (called by metering). */
    public void recordCost(String decisionId, long requestsRefused, long tokensWithheld) {
        audit.appendCost(decisionId, requestsRefused, tokensWithheld);
    }

    public DecisionCache cache() {
        return cache;
    }

    public PolicyEngine engine() {
        return engine;
    }
}
