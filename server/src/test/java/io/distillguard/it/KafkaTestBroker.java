package io.distillguard.it;

import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka (KRaft, broker and controller combined) in the test JVM, reachable for clients only through a
 * {@link TcpGate} so that tests can make it unreachable and bring it back. Also reads a topic back as usage events.
 */
final class KafkaTestBroker implements AutoCloseable {
    final TcpGate gate;
    final KafkaClusterTestKit cluster;

    private KafkaTestBroker(TcpGate gate, KafkaClusterTestKit cluster) {
        this.gate = gate;
        this.cluster = cluster;
    }

    static KafkaTestBroker start() throws Exception {
        TcpGate gate = new TcpGate();
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).setBrokerListenerName(new ListenerName("EXTERNAL")).build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("num.partitions", "3")
                .setConfigProp("advertised.listeners", "EXTERNAL://127.0.0.1:" + gate.port())
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        String direct = cluster.bootstrapServers();
        gate.forwardTo(Integer.parseInt(direct.substring(direct.lastIndexOf(':') + 1)));
        return new KafkaTestBroker(gate, cluster);
    }

    /** Bootstrap address of the broker as clients see it: the gate. */
    String bootstrap() {
        return "127.0.0.1:" + gate.port();
    }

    void createTopic(String topic, int partitions) throws Exception {
        try (var admin = cluster.admin(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    /** One record of the topic, decoded. */
    record Received(int partition, long offset, String key, UsageEvent event) {
    }

    /** Everything on {@code topic}: polls until {@code expected} records came, then a little longer to see extras. */
    List<Received> readAll(String topic, int expected, Duration timeout) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Received> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    out.add(new Received(r.partition(), r.offset(), r.key(), UsageEventCodec.decode(r.value())));
                }
                if (out.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + 500_000_000L;
                }
            }
        }
        return out;
    }

    static Set<String> requestIds(List<Received> records) {
        return Set.copyOf(records.stream().map(r -> r.event().requestId()).toList());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
        gate.close();
    }
}
