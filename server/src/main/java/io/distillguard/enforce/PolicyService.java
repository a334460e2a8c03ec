package io.distillguard.enforce;

import io.distillguard.alerting.FindingSink;
import io.distillguard.alerting.JsonLinesFindingSink;
import io.distillguard.alerting.WebhookFindingSink;
import io.distillguard.alerting.WebhookSignature;
import io.distillguard.config.AlertingConfig;
import io.distillguard.config.PolicyConfig;
import io.distillguard.gateway.Exchange;
import io.distillguard.metering.TokenCounter;
import io.distillguard.policy.PolicyEngine;
import io.distillguard.policy.PolicyRuntime;
import io.distillguard.policy.audit.AuditLog;
import io.distillguard.policy.cache.DecisionCache;
import io.distillguard.policy.file.Policy;
import io.distillguard.policy.file.PolicyFileWatcher;
import io.distillguard.policy.file.PolicyLoadResult;
import io.distillguard.policy.file.PolicyLoader;
import io.distillguard.policy.file.ReloadError;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy side of one gateway process: the running policy (the configured file, hot-reloaded, or the built-in
 * default pack), the decision cache the gateway enforces from, the audit log, the cost ledger, the metrics and the
 * finding sinks every new decision is published to. Built once by the app; the detection side calls
 * {@code runtime().evaluate(input)}.
 */
public final class PolicyService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyService.class);
    static final String DEFAULT_PACK = "policies/default.yaml";

    private final Path policyFile;
    private final PolicyFileWatcher watcher;
    private final Supplier<Policy> policy;
    private final AuditLog audit;
    private final Path auditPath;
    private final DecisionCache cache;
    private final PolicyRuntime runtime;
    private final CostLedger ledger;
    private final PolicyMetrics metrics;
    private final List<FindingSink> sinks = new CopyOnWriteArrayList<>();

    /**
     * Loads the policy (a configured file that is invalid at start fails the start, naming the rule), opens the audit
     * log and starts the file watcher and the cost flusher.
     */
    public PolicyService(PolicyConfig config, AlertingConfig alerting, String dataDir, Vertx vertx,
            MeterRegistry registry, Clock clock) throws IOException {
        PolicyLoader loader = new PolicyLoader();
        this.policyFile = config.file() == null ? null : Path.of(config.file());
        Policy initial = loaded(policyFile == null ? loader.loadResource(DEFAULT_PACK) : loader.load(policyFile),
                policyFile == null ? DEFAULT_PACK : policyFile.toString());
        this.auditPath = Path.of(config.auditLogOr(dataDir));
        if (auditPath.getParent() != null) {
            Files.createDirectories(auditPath.getParent());
        }
        this.audit = AuditLog.open(auditPath, clock);
        audit.appendPolicyLoaded(initial);
        if (policyFile != null) {
            watcher = new PolicyFileWatcher(policyFile, loader, initial, clock);
            watcher.onReload(audit::appendPolicyLoaded);
            watcher.start(Duration.ofMillis(config.pollIntervalMs()));
            policy = watcher;
        } else {
            watcher = null;
            policy = () -> initial;
        }
        this.cache = new DecisionCache(clock);
        this.runtime = new PolicyRuntime(new PolicyEngine(policy), cache, audit, clock);
        this.ledger = new CostLedger(audit, config.costFlushIntervalMs());
        this.metrics = new PolicyMetrics(registry);
        if (alerting.webhookUrl() != null) {
            sinks.add(new WebhookFindingSink(vertx, alerting.webhookUrl(),
                    new WebhookSignature(alerting.resolveWebhookSecret()), clock, alerting.webhookQueue(),
                    alerting.webhookMaxAttempts(), alerting.webhookBackoffMs()));
        }
        if (alerting.findingsFile() != null) {
            sinks.add(new JsonLinesFindingSink(Path.of(alerting.findingsFile())));
        }
        runtime.onDecision(d -> sinks.forEach(s -> s.publish(DecisionFindings.of(d))));
    }

    private static Policy loaded(PolicyLoadResult result, String source) {
        return switch (result) {
            case PolicyLoadResult.Loaded l -> l.policy();
            case PolicyLoadResult.Rejected r -> throw new IllegalArgumentException(
                    "policy " + source + " rejected: " + String.join(" | ", r.errors()));
        };
    }

    /** The request filter that enforces decisions (place it right after authentication). */
    public DecisionFilter decisionFilter() {
        return new DecisionFilter(cache, metrics, ledger);
    }

    /** The response filter of degrade decisions (place it after usage capture, before metering). */
    public ResponseDegrader responseFilter(TokenCounter tokens) {
        return new ResponseDegrader(ledger, tokens);
    }

    /** FLAGGED retention: keep raw text when a tag or stronger decision covers the caller. */
    public static boolean flagged(Exchange ex) {
        return ex.policy != null && ex.policy.flagged();
    }

    public PolicyRuntime runtime() {
        return runtime;
    }

    public DecisionCache cache() {
        return cache;
    }

    public Policy currentPolicy() {
        return policy.get();
    }

    /** The policy file, or empty when the built-in default pack runs. */
    public Optional<Path> policyFile() {
        return Optional.ofNullable(policyFile);
    }

    /** Why the last changed policy file was refused (the previous policy kept running). */
    public Optional<ReloadError> lastReloadError() {
        return watcher == null ? Optional.empty() : watcher.lastReloadError();
    }

    /** Re-reads the policy file now (instead of waiting for the next poll); true when a new policy was loaded. */
    public boolean reloadNow() {
        return watcher != null && watcher.poll();
    }

    public AuditLog audit() {
        return audit;
    }

    public Path auditPath() {
        return auditPath;
    }

    public CostLedger ledger() {
        return ledger;
    }

    /** Adds a sink for new decisions (the detection side may publish its alerts to the same sinks). */
    public void addSink(FindingSink sink) {
        sinks.add(sink);
    }

    public List<FindingSink> sinks() {
        return List.copyOf(sinks);
    }

    /** Stops polling, drains the sinks, writes the pending cost records and closes the audit log. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        sinks.forEach(FindingSink::close);
        ledger.close();
        try {
            audit.close();
        } catch (IOException e) {
            LOG.warn("closing the audit log: {}", e.toString());
        }
    }
}
