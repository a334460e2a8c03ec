package io.distillguard.kafka;

import io.distillguard.config.KafkaSettings;
import io.distillguard.config.SpoolSettings;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventCodec;
import io.distillguard.event.UsageEventSink;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage events to a Kafka topic (distributed mode): each event is encoded with {@link UsageEventCodec}, keyed by
 * {@link EventKeys} and appended to the disk {@link EventSpool}; a {@link SpoolDrainer} thread sends the spool to Kafka
 * with an idempotent {@code acks=all} producer and deletes events once acknowledged. When the spool reaches its bound
 * the settings decide: {@code reject} makes {@link #saturated()} true (the gateway's overload filter answers 503 until
 * there is room; events of admitted requests are still spooled), {@code drop} drops new events, counted and logged.
 */
public final class KafkaUsageEventSink implements UsageEventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaUsageEventSink.class);

    private final KafkaSettings kafka;
    private final SpoolSettings spoolSettings;
    private final EventSpool spool;
    private final SpoolDrainer drainer;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    private KafkaUsageEventSink(KafkaSettings kafka, SpoolSettings spoolSettings, EventSpool spool) {
        this.kafka = kafka;
        this.spoolSettings = spoolSettings;
        this.spool = spool;
        this.drainer = new SpoolDrainer(spool, kafka);
        this.thread = Thread.ofPlatform().name("distillguard-kafka-drainer").daemon(true).start(drainer);
    }

    /**
     * Opens the spool in {@code spoolDir} (events a previous run left there are sent first) and starts sending.
     *
     * @param metrics registry for the sink's meters, or null
     */
    public static KafkaUsageEventSink start(KafkaSettings kafka, SpoolSettings spool, Path spoolDir,
                                            MeterRegistry metrics) {
        KafkaUsageEventSink sink = new KafkaUsageEventSink(kafka, spool, EventSpool.open(spoolDir, spool));
        if (metrics != null) {
            sink.register(metrics);
        }
        return sink;
    }

    /** Spools the event for Kafka; with {@code drop} and a full spool the event is dropped and counted instead. */
    @Override
    public void accept(UsageEvent event) {
        if (closed) {
            throw new IllegalStateException("Kafka usage event sink is closed");
        }
        if (spoolSettings.whenFull() == SpoolSettings.WhenFull.DROP && spool.full()) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1_000 == 0) {
                LOG.warn("event spool {} is full ({} bytes): dropped usage event {} ({} dropped so far)", spool.dir(),
                        spool.diskBytes(), event.requestId(), n);
            }
            return;
        }
        spool.append(EventKeys.keyBytes(event), UsageEventCodec.encode(event));
    }

    /** True while the spool is at its bound with {@code whenFull: reject}: new requests should get 503. */
    public boolean saturated() {
        return spoolSettings.whenFull() == SpoolSettings.WhenFull.REJECT && spool.full();
    }

    public boolean brokerReachable() {
        return drainer.brokerReachable();
    }

    /** Events the broker acknowledged since start. */
    public long eventsSent() {
        return drainer.sent();
    }

    /** Events dropped because the spool was full ({@code whenFull: drop}). */
    public long eventsDropped() {
        return dropped.get();
    }

    /** Events in the spool not yet acknowledged by the broker. */
    public long spooledEvents() {
        return spool.pendingEvents();
    }

    /** Bytes of spool segment files on disk. */
    public long spooledBytes() {
        return spool.diskBytes();
    }

    public String topic() {
        return kafka.topic();
    }

    private void register(MeterRegistry r) {
        FunctionCounter.builder("distillguard_kafka_events_sent", this, KafkaUsageEventSink::eventsSent)
                .description("usage events acknowledged by Kafka").register(r);
        FunctionCounter.builder("distillguard_kafka_events_dropped", this, KafkaUsageEventSink::eventsDropped)
                .description("usage events dropped because the spool was full (whenFull: drop)").register(r);
        Gauge.builder("distillguard_kafka_spool_bytes", this, KafkaUsageEventSink::spooledBytes)
                .description("bytes of event spool segments on disk").baseUnit("bytes").register(r);
        Gauge.builder("distillguard_kafka_spool_events", this, KafkaUsageEventSink::spooledEvents)
                .description("spooled usage events not yet acknowledged by Kafka").register(r);
        Gauge.builder("distillguard_kafka_broker_reachable", this, s -> s.brokerReachable() ? 1 : 0)
                .description("1 while the Kafka broker acknowledges events").register(r);
        Gauge.builder("distillguard_kafka_spool_saturated", this, s -> s.saturated() ? 1 : 0)
                .description("1 while the spool is full and the gateway rejects requests (whenFull: reject)")
                .register(r);
    }

    /**
     * Stops taking events and sends what is spooled for up to {@code timeout}; anything unacknowledged then stays in
     * the spool for the next start.
     */
    public void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        drainer.stop(timeout);
        try {
            thread.join(timeout.toMillis() + kafka.maxBlockMs() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spool.close();
        LOG.info("Kafka event sink closed: {} sent, {} left in the spool, {} dropped", eventsSent(),
                spool.pendingEvents(), eventsDropped());
    }

    /** {@link #close(Duration)} waiting up to the producer's max block time for acknowledgements. */
    @Override
    public void close() {
        close(Duration.ofMillis(kafka.maxBlockMs()));
    }
}
