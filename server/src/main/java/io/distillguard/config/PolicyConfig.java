package io.distillguard.config;

/**
 * Where the running policy and its audit trail live.
 *
 * @param file                policy YAML file, hot-reloaded; null runs the built-in default pack
 *                            ({@code policies/default.yaml})
 * @param auditLog            hash-chained audit log; null means {@code <metering.dataDir>/audit.jsonl}
 * @param pollIntervalMs      how often the policy file is checked for changes
 * @param costFlushIntervalMs how often the requests refused and tokens withheld per decision are written to the audit
 *                            log (aggregated; also written on shutdown)
 */
public record PolicyConfig(String file, String auditLog, long pollIntervalMs, long costFlushIntervalMs) {

    public PolicyConfig {
        pollIntervalMs = pollIntervalMs == 0 ? 5_000 : pollIntervalMs;
        costFlushIntervalMs = costFlushIntervalMs == 0 ? 60_000 : costFlushIntervalMs;
        Check.range("policy.pollIntervalMs", pollIntervalMs, 100, 3_600_000);
        Check.range("policy.costFlushIntervalMs", costFlushIntervalMs, 100, 86_400_000);
    }

    public static PolicyConfig defaults() {
        return new PolicyConfig(null, null, 0, 0);
    }

    public PolicyConfig withFile(String f) {
        return new PolicyConfig(f, auditLog, pollIntervalMs, costFlushIntervalMs);
    }

    /** The audit log path, resolved against the data directory when not set. */
    public String auditLogOr(String dataDir) {
        return auditLog != null ? auditLog : java.nio.file.Path.of(dataDir, "audit.jsonl").toString();
    }
}
