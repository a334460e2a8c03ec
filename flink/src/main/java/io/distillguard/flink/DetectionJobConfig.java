package io.distillguard.flink;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the distributed detection job needs to run: the Kafka cluster and its three topics, the consumer group, how
 * late events may arrive, how often idle entities are scored and state is checkpointed, the parallelism of the keyed
 * stages, the policy document (YAML text, as {@code policies/default.yaml}) the job evaluates, and the ASN database
 * (iptoasn.com {@code ip2asn-combined.tsv} format, as the gateway's {@code identity.asnDatabase}; null: none). Validated, immutable.
 */
public record DetectionJobConfig(String bootstrapServers, String usageTopic, String alertsTopic, String decisionsTopic,
                                 String groupId, long maxOutOfOrdernessMs, long flushEveryMs,
                                 long checkpointIntervalMs, int parallelism, String policyYaml,
                                 String asnDatabase) implements Serializable {

    public DetectionJobConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(policyYaml, "policyYaml");
        for (String topic : new String[] {usageTopic, alertsTopic, decisionsTopic, groupId}) {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("topics and group id must not be blank");
            }
        }
        if (maxOutOfOrdernessMs < 0 || flushEveryMs < 0 || checkpointIntervalMs < 0 || parallelism < 1) {
            throw new IllegalArgumentException("negative interval or parallelism < 1");
        }
    }

    /** A job without an ASN database. */
    public DetectionJobConfig(String bootstrapServers, String usageTopic, String alertsTopic, String decisionsTopic,
                              String groupId, long maxOutOfOrdernessMs, long flushEveryMs, long checkpointIntervalMs,
                              int parallelism, String policyYaml) {
        this(bootstrapServers, usageTopic, alertsTopic, decisionsTopic, groupId, maxOutOfOrdernessMs, flushEveryMs,
                checkpointIntervalMs, parallelism, policyYaml, null);
    }

    /** The defaults of {@code detection.distributed} in the gateway's config, against {@code bootstrapServers}. */
    public static DetectionJobConfig defaults(String bootstrapServers, String policyYaml) {
        return new DetectionJobConfig(bootstrapServers, "distillguard.usage-events", "distillguard.alerts",
                "distillguard.decisions", "distillguard-detection", 5_000, 60_000, 10_000, 2, policyYaml);
    }

    public DetectionJobConfig withParallelism(int p) {
        return new DetectionJobConfig(bootstrapServers, usageTopic, alertsTopic, decisionsTopic, groupId,
                maxOutOfOrdernessMs, flushEveryMs, checkpointIntervalMs, p, policyYaml, asnDatabase);
    }

    public DetectionJobConfig withCheckpointIntervalMs(long ms) {
        return new DetectionJobConfig(bootstrapServers, usageTopic, alertsTopic, decisionsTopic, groupId,
                maxOutOfOrdernessMs, flushEveryMs, ms, parallelism, policyYaml, asnDatabase);
    }

    public DetectionJobConfig withAsnDatabase(String file) {
        return new DetectionJobConfig(bootstrapServers, usageTopic, alertsTopic, decisionsTopic, groupId,
                maxOutOfOrdernessMs, flushEveryMs, checkpointIntervalMs, parallelism, policyYaml, file);
    }
}
