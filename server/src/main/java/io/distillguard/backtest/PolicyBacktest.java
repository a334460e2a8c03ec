package io.distillguard.backtest;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.link.EntityResolver;
import io.distillguard.monitor.PolicyBridge;
import io.distillguard.monitor.RegistryAccountDirectory;
import io.distillguard.policy.PolicyEngine;
import io.distillguard.policy.PolicyRuntime;
import io.distillguard.policy.audit.AuditLog;
import io.distillguard.policy.cache.DecisionCache;
import io.distillguard.policy.decision.Block;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.RequireVerification;
import io.distillguard.policy.file.Policy;
import io.distillguard.registry.Registry;
import io.distillguard.store.EventStore;
import io.distillguard.time.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Replays the stored usage log, in event-time order, through a fresh detection engine and a policy runtime built from a
 * candidate policy, on a virtual clock set to each event's time, so that decisions carry the times they would have
 * been made live. Before each event is observed, the decision cache is asked what the gateway would have enforced on
 * it: an enforce block or require_verification counts the event (and its output tokens) as refused. The runtime has
 * its own in-memory cache and an audit log in a temporary file: nothing live is touched.
 */
public final class PolicyBacktest {
    /** Pending entities are scored this often in event time, as the gateway's detection service does in wall time. */
    static final long FLUSH_EVERY_MS = 5_000;

    private final Policy policy;

    public PolicyBacktest(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Replays {@code window} of {@code store}; account facts come from {@code registry}. */
    public BacktestReport run(EventStore store, Registry registry, BacktestWindow window) throws IOException {
        Path auditFile = Files.createTempFile("distillguard-backtest-", ".audit.jsonl");
        try (AuditLog audit = AuditLog.open(auditFile, new VirtualClock(0))) {
            return replay(store, registry, window, audit);
        } finally {
            Files.deleteIfExists(auditFile);
        }
    }

    private BacktestReport replay(EventStore store, Registry registry, BacktestWindow window, AuditLog audit) {
        VirtualClock clock = new VirtualClock(0);
        audit.appendPolicyLoaded(policy);
        DecisionCache cache = new DecisionCache(clock);
        PolicyRuntime runtime = new PolicyRuntime(new PolicyEngine(policy), cache, audit, clock);
        PolicyBridge bridge = new PolicyBridge(runtime, registry, clock);
        DetectionEngine[] engine = new DetectionEngine[1];
        engine[0] = DetectionEngine.inMemory(DetectionConfig.defaults(), new RegistryAccountDirectory(registry),
                new AlertSink() {
                    @Override
                    public void onAlert(Alert alert) {
                        bridge.onAlert(alert);
                    }

                    @Override
                    public void onRiskScore(RiskScore score) {
                        bridge.onRiskScore(score, Set.copyOf(engine[0].linker().members(score.entityId())));
                    }
                }, clock);
        EntityResolver entities = engine[0].resolver();
        ActionTally tally = new ActionTally();
        WithheldTokenEstimator withheld = new WithheldTokenEstimator();
        runtime.onDecision(d -> tally.decided(d, entityOf(d, entities)));
        long[] events = {0};
        long[] lastFlush = {Long.MIN_VALUE};
        store.replay(window.from(), window.to(), e -> {
            clock.advanceTo(e.timestampMs());
            if (lastFlush[0] == Long.MIN_VALUE) {
                lastFlush[0] = e.timestampMs();
            } else if (e.timestampMs() - lastFlush[0] >= FLUSH_EVERY_MS) {
                engine[0].flush(e.timestampMs());
                lastFlush[0] = e.timestampMs();
            }
            if (e.accountId() != null) {
                Decision d = cache.effective(e.keyId(), e.accountId(), entities.entityOf(e.accountId()));
                if (d instanceof Block || d instanceof RequireVerification) {
                    tally.refused(d.id(), withheld.withheld(e));
                }
            }
            withheld.observe(e);
            bridge.onEvent(e);
            engine[0].onEvent(e);
            events[0]++;
        });
        engine[0].flush(clock.millis());
        List<EntityOutcome> outcomes = tally.outcomes(id -> engine[0].linker().members(id).stream().sorted().toList());
        return new BacktestReport(policy.version(), policy.sha256(), window, events[0], outcomes);
    }

    /** The entity a decision concerns: its scope for entity decisions, the account's entity for account decisions. */
    private static String entityOf(Decision d, EntityResolver entities) {
        return switch (d.scope().type()) {
            case ENTITY -> d.scope().id();
            case ACCOUNT -> entities.entityOf(d.scope().id());
            case KEY -> d.scope().toString();
        };
    }
}
