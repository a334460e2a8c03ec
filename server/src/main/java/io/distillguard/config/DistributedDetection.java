package io.distillguard.config;

/**
 * Where the distributed detection job (module {@code flink}) exchanges data with the gateways: the Kafka cluster, the
 * topic the gateways' usage events go to, the topic the job writes alerts to, the compacted topic of its policy
 * decisions that every gateway reads into its decision cache, and the consumer-group prefix of those readers (each
 * gateway replica reads the whole decisions topic under its own group).
 */
public record DistributedDetection(String bootstrapServers, String usageTopic, String alertsTopic,
                                   String decisionsTopic, String groupPrefix) {

    public DistributedDetection {
        bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
        usageTopic = usageTopic == null ? "distillguard.usage-events" : usageTopic;
        alertsTopic = alertsTopic == null ? "distillguard.alerts" : alertsTopic;
        decisionsTopic = decisionsTopic == null ? "distillguard.decisions" : decisionsTopic;
        groupPrefix = groupPrefix == null ? "distillguard-gateway" : groupPrefix;
        if (bootstrapServers.isBlank() || decisionsTopic.isBlank() || groupPrefix.isBlank()) {
            throw new IllegalArgumentException(
                    "detection.distributed: bootstrapServers, decisionsTopic and groupPrefix must not be blank");
        }
    }

    public static DistributedDetection defaults() {
        return new DistributedDetection(null, null, null, null, null);
    }

    public DistributedDetection withBootstrapServers(String servers) {
        return new DistributedDetection(servers, usageTopic, alertsTopic, decisionsTopic, groupPrefix);
    }
}
