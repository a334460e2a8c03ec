package io.distillguard.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a {@link KeyedJson} to {@code topic} with its key, so a compacted topic keeps the latest value per key. */
public final class KeyedJsonSerializer implements KafkaRecordSerializationSchema<KeyedJson> {
    private final String topic;

    public KeyedJsonSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KeyedJson element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, element.key().getBytes(StandardCharsets.UTF_8),
                element.json().getBytes(StandardCharsets.UTF_8));
    }
}
