package io.distillguard.enforce;

import io.distillguard.config.DistributedDetection;
import io.distillguard.policy.PolicyRuntime;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.DecisionCodec;
import io.distillguard.policy.decision.ScopeType;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the distributed detection job's compacted decisions topic from the beginning into this gateway's decision
 * cache (through {@link PolicyRuntime#record}, so they are audited like local ones), on its own thread; a decision
 * made in the job applies to the next request. The job's entity ids come from its own account graph, which this
 * gateway's linker does not share: an entity decision is recorded once, as an entity-scope entry, and its member
 * accounts are mapped to the job's entity in {@link JobEntities}, which the gateway resolves entities through in
 * distributed mode. Unreadable records are counted and skipped.
 */
public final class DecisionTopicConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionTopicConsumer.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PolicyRuntime runtime;
    private final JobEntities entities;
    private final String topic;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public DecisionTopicConsumer(DistributedDetection config, PolicyRuntime runtime, JobEntities entities) {
        Properties p = new Properties();
        p.put("bootstrap.servers", config.bootstrapServers());
        p.put("group.id", config.groupPrefix() + "-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.runtime = runtime;
        this.entities = entities;
        this.topic = config.decisionsTopic();
        this.thread = Thread.ofPlatform().name("decisions-consumer").daemon().unstarted(this::run);
    }

    public DecisionTopicConsumer start() {
        consumer.subscribe(List.of(topic));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null) {
                        apply(r.value());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    /** Records one wire-form decision (an entity decision maps its accounts first); false when unreadable. */
    boolean apply(byte[] value) {
        Decision d;
        try {
            d = DecisionCodec.decode(value);
        } catch (IllegalArgumentException e) {
            rejected.incrementAndGet();
            LOG.warn("decisions topic: skipped an unreadable record: {}", e.getMessage());
            return false;
        }
        if (d.scope().type() == ScopeType.ENTITY) {
            entities.update(d.scope().id(), d.evidence().accounts());
        }
        runtime.record(d);
        applied.incrementAndGet();
        return true;
    }

    /** Decisions recorded so far. */
    public long applied() {
        return applied.get();
    }

    /** Records that were not decisions of a known version. */
    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5_000);
    }
}
