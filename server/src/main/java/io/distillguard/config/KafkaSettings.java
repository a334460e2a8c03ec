package io.distillguard.config;

import java.util.Map;
import java.util.Set;

/**
 * The Kafka producer behind {@code events.sink: kafka}. The producer is always idempotent with {@code acks=all}; these
 * fields tune the rest.
 *
 * @param bootstrapServers  comma-separated {@code host:port} list
 * @param topic             topic of usage events (key: account id, value: {@code UsageEventCodec} JSON)
 * @param clientId          producer client id (replica name is a good choice)
 * @param compression       {@code none}, {@code gzip}, {@code snappy}, {@code lz4} or {@code zstd}
 * @param lingerMs          how long a batch waits for more events
 * @param batchBytes        largest batch per partition
 * @param maxInFlight       unacknowledged requests per connection, 1..5 (idempotence keeps order up to 5)
 * @param requestTimeoutMs  one request's wait for the broker
 * @param deliveryTimeoutMs how long the producer retries one batch before the sink resends it from the spool with a
 *                          new producer (must be >= lingerMs + requestTimeoutMs)
 * @param maxBlockMs        longest wait of the sender thread for metadata or producer buffer space
 * @param producer          further producer properties, e.g. security settings; may not override the ones above
 */
public record KafkaSettings(String bootstrapServers, String topic, String clientId, String compression, int lingerMs,
                            int batchBytes, int maxInFlight, int requestTimeoutMs, int deliveryTimeoutMs,
                            int maxBlockMs, Map<String, String> producer) {

    private static final Set<String> COMPRESSION = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final Set<String> FIXED = Set.of("bootstrap.servers", "client.id", "acks", "enable.idempotence",
            "compression.type", "linger.ms", "batch.size", "max.in.flight.requests.per.connection",
            "request.timeout.ms", "delivery.timeout.ms", "max.block.ms", "key.serializer", "value.serializer",
            "retries");

    public KafkaSettings {
        bootstrapServers = bootstrapServers == null ? "127.0.0.1:9092" : bootstrapServers.strip();
        topic = topic == null ? "distillguard.usage-events" : topic;
        clientId = clientId == null ? "distillguard-gateway" : clientId;
        compression = compression == null ? "lz4" : compression;
        lingerMs = lingerMs == 0 ? 5 : lingerMs;
        batchBytes = batchBytes == 0 ? 262_144 : batchBytes;
        maxInFlight = maxInFlight == 0 ? 5 : maxInFlight;
        requestTimeoutMs = requestTimeoutMs == 0 ? 30_000 : requestTimeoutMs;
        deliveryTimeoutMs = deliveryTimeoutMs == 0 ? 120_000 : deliveryTimeoutMs;
        maxBlockMs = maxBlockMs == 0 ? 5_000 : maxBlockMs;
        producer = producer == null ? Map.of() : Map.copyOf(producer);
        if (bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("events.kafka.bootstrapServers must not be empty");
        }
        if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("events.kafka.topic is not a valid topic name: " + topic);
        }
        if (!COMPRESSION.contains(compression)) {
            throw new IllegalArgumentException("events.kafka.compression must be one of " + COMPRESSION + ", got "
                    + compression);
        }
        Check.range("events.kafka.lingerMs", lingerMs, 0, 60_000);
        Check.range("events.kafka.batchBytes", batchBytes, 1_024, 64 << 20);
        Check.range("events.kafka.maxInFlight", maxInFlight, 1, 5);
        Check.range("events.kafka.requestTimeoutMs", requestTimeoutMs, 100, 600_000);
        Check.range("events.kafka.deliveryTimeoutMs", deliveryTimeoutMs, (long) lingerMs + requestTimeoutMs,
                Integer.MAX_VALUE);
        Check.range("events.kafka.maxBlockMs", maxBlockMs, 10, 600_000);
        for (String key : producer.keySet()) {
            if (FIXED.contains(key)) {
                throw new IllegalArgumentException("events.kafka.producer may not set " + key
                        + " (it has its own field or is fixed)");
            }
        }
    }

    public static KafkaSettings defaults() {
        return new KafkaSettings(null, null, null, null, 0, 0, 0, 0, 0, 0, null);
    }

    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(servers, topic, clientId, compression, lingerMs, batchBytes, maxInFlight,
                requestTimeoutMs, deliveryTimeoutMs, maxBlockMs, producer);
    }

    public KafkaSettings withTopic(String t) {
        return new KafkaSettings(bootstrapServers, t, clientId, compression, lingerMs, batchBytes, maxInFlight,
                requestTimeoutMs, deliveryTimeoutMs, maxBlockMs, producer);
    }

    public KafkaSettings withTimeouts(int requestMs, int deliveryMs, int blockMs) {
        return new KafkaSettings(bootstrapServers, topic, clientId, compression, lingerMs, batchBytes, maxInFlight,
                requestMs, deliveryMs, blockMs, producer);
    }
}
