package io.distillguard.flink;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the distributed detection job needs to run: the Kafka cluster and its three topics, the consumer group, how
 * late events may arrive, how often idle entities are scored and state is checkpointed, the parallelism of the keyed
 * stages, the policy document (YAML text, as {@code policies/default.yaml}) the job evaluates, the ASN database
 * (iptoasn.com {@code ip2asn-combined.tsv} format, as the gateway's {@code identity.asnDatabase}; null: none) and how
 * long a delivered request id is remembered to drop a redelivery of it. Validated, immutable.
 */
public record DetectionJobConfig(String bootstrapServers, String usageTopic, String alertsTopic, String decisionsTopic,
                                 String groupId, long maxOutOfOrdernessMs, long flushEveryMs,
                                 long checkpointIntervalMs, int parallelism, String policyYaml,
                                 String asnDatabase, long dedupWindowMs) implements Serializable {
    /** Default for how long a delivered request id is remembered to drop a redelivery of it (processing time). */
    public static final long DEFAULT_DEDUP_WINDOW_MS = 600_000;

    public DetectionJobConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(policyYaml, "policyYaml");
        for (String topic : new String[] {usageTopic, alertsTopic, decisionsTopic, groupId}) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("topics and group id must not be blank");
            }
        }
        if (maxOutOfOrdernessMs < 0 || flushEveryMs < 0 || checkpointIntervalMs < 0 || parallelism < 1
                || dedupWindowMs < 1) {
            throw new IllegalArgumentException("negative interval, dedup window < 1 ms or parallelism < 1");
        }
    }

    /** A job without an ASN database, with the default dedup window. */
    public DetectionJobConfig(String bootstrapServers, String usageTopic, String alertsTopic, String decisionsTopic,
                              String groupId, long maxOutOfOrdernessMs, long flushEveryMs, long checkpointIntervalMs,
                              int parallelism, String policyYaml) {
        this(bootstrapServers, usageTopic, alertsTopic, decisionsTopic, groupId, maxOutOfOrdernessMs, flushEveryMs,
                checkpointIntervalMs, parallelism, policyYaml, null, DEFAULT_DEDUP_WINDOW_MS);
    }

    /** The defaults of {@code detection.distributed} in the gateway's config, against {@code bootstrapServers}. */
    public static DetectionJobConfig defaults(String bootstrapServers, String policyYaml) {
        return new DetectionJobConfig(bootstrapServers, "distillguard.usage-events", "distillguard.alerts",
                "distillguard.decisions", "distillguard-detection", 5_000, 60_000, 10_000, 2, policyYaml);
    }

    public DetectionJobConfig withParallelism(int p) {
        return new DetectionJobConfig(bootstrapServers, usageTopic, alertsTopic, decisionsTopic, groupId,
                maxOutOfOrdernessMs, flushEveryMs, checkpointIntervalMs, p, policyYaml, asnDatabase, dedupWindowMs);
    }

    public DetectionJobConfig withCheckpointIntervalMs(long ms) {
        return new DetectionJobConfig(bootstrapServers, usageTopic, alertsTopic, decisionsTopic, groupId,
                maxOutOfOrdernessMs, flushEveryMs, ms, parallelism, policyYaml, asnDatabase, dedupWindowMs);
    }

    public DetectionJobConfig withAsnDatabase(String file) {
        return new DetectionJobConfig(bootstrapServers, usageTopic, alertsTopic, decisionsTopic, groupId,
                maxOutOfOrdernessMs, flushEveryMs, checkpointIntervalMs, parallelism, policyYaml, file, dedupWindowMs);
    }
}
