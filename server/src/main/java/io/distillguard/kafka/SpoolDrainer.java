package io.distillguard.kafka;

import io.distillguard.config.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that moves events from the spool to Kafka, in spool order, in batches of up to 4,096 events whose
 * acknowledgements are settled per batch ({@link InFlightBatch}). It waits for topic metadata before sending
 * (a probe that doubles as the reachability check), keeps at most {@link #MAX_IN_FLIGHT_BYTES} unacknowledged so the
 * producer's buffer never blocks, and leaves retries to the idempotent producer, so an outage shorter than the
 * delivery timeout resends nothing. When a batch does fail (delivery timeout, fatal error) it closes the producer,
 * backs off, starts a new one and rewinds to the oldest unacknowledged event, skipping those acknowledged since.
 */
final class SpoolDrainer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolDrainer.class);
    static final long MAX_IN_FLIGHT_BYTES = 16L << 20;
    private static final int MAX_BATCH_RECORDS = 4_096;
    private static final long MAX_BATCH_BYTES = 1L << 20;

    private final EventSpool spool;
    private final KafkaSettings settings;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final AtomicLong producerResets = new AtomicLong();
    private volatile boolean metadataOk;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile boolean failed;
    private volatile int generation;
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;
    private Producer<byte[], byte[]> producer;

    SpoolDrainer(EventSpool spool, KafkaSettings settings) {
        this.spool = spool;
        this.settings = settings;
    }

    @Override
    public void run() {
        long backoffMs = 100;
        producer = new KafkaProducer<>(ProducerProperties.of(settings));
        try {
            while (!done()) {
                spool.maintain();
                if (failed) {
                    backoffMs = reset(backoffMs);
                    continue;
                }
                if (!metadataOk && !probe()) {
                    continue;
                }
                if (inFlightBytes.get() >= MAX_IN_FLIGHT_BYTES) {
                    LockSupport.parkNanos(200_000);
                    continue;
                }
                List<SpoolRecord> batch = spool.poll(MAX_BATCH_RECORDS, MAX_BATCH_BYTES, stopping ? 5 : 50);
                if (!batch.isEmpty()) {
                    send(batch);
                    backoffMs = 100;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            long left = Math.max(0, stopDeadlineNanos - System.nanoTime());
            producer.close(Duration.ofNanos(left));
            spool.maintain();
        }
    }

    private boolean done() {
        return stopping && (spool.pendingEvents() == 0 || System.nanoTime() > stopDeadlineNanos);
    }

    /** Fetches the topic's partitions (waits up to maxBlockMs); false when the broker could not be reached. */
    private boolean probe() {
        try {
            producer.partitionsFor(settings.topic());
            metadataOk = true;
            lastProgressNanos = System.nanoTime();
            LOG.info("Kafka reachable at {} (topic {})", settings.bootstrapServers(), settings.topic());
            return true;
        } catch (KafkaException e) {
            LOG.warn("Kafka not reachable at {}: {}; events stay in the spool {}", settings.bootstrapServers(),
                    e.toString(), spool.dir());
            return false;
        }
    }

    /** Hands a batch to the producer; each event's callback is cheap, the batch is settled when the last one ran. */
    private void send(List<SpoolRecord> records) {
        InFlightBatch batch = new InFlightBatch(records, generation, this::settle);
        if (inFlightBytes.getAndAdd(batch.bytes()) == 0) {
            lastProgressNanos = System.nanoTime();
        }
        for (int i = 0; i < records.size(); i++) {
            SpoolRecord r = records.get(i);
            try {
                producer.send(new ProducerRecord<>(settings.topic(), r.key(), r.value()), batch.callback(i));
            } catch (KafkaException e) {
                for (int j = i; j < records.size(); j++) {
                    batch.complete(j, e);
                }
                return;
            }
        }
    }

    /** A batch's last callback ran: acknowledged events go to the spool; a failure makes the loop reset. */
    private void settle(InFlightBatch batch) {
        int acked = batch.forEachAckedRange(spool::acked);
        sent.addAndGet(acked);
        inFlightBytes.addAndGet(-batch.bytes());
        if (acked > 0) {
            lastProgressNanos = System.nanoTime();
        }
        Exception e = batch.failure();
        if (e != null && batch.generation() == generation && !failed) {
            LOG.warn("Kafka send of spooled events from {} failed ({}); resending from the spool", batch.firstSeq(),
                    e.toString());
            failed = true;
        }
    }

    /** Closes the failed producer, waits, starts a new one and rewinds the spool; returns the next backoff. */
    private long reset(long backoffMs) throws InterruptedException {
        generation++;
        producer.close(Duration.ZERO);
        producerResets.incrementAndGet();
        metadataOk = false;
        Thread.sleep(backoffMs);
        producer = new KafkaProducer<>(ProducerProperties.of(settings));
        spool.rewind();
        failed = false;
        return Math.min(backoffMs * 2, 10_000);
    }

    /** Asks the loop to finish: send what is spooled for up to {@code timeout}, then close the producer. */
    void stop(Duration timeout) {
        stopDeadlineNanos = System.nanoTime() + timeout.toNanos();
        stopping = true;
    }

    /**
     * True when the broker answered recently: topic metadata was fetched, and events in flight (if any) saw an
     * acknowledgement within the request timeout.
     */
    boolean brokerReachable() {
        return metadataOk && !failed && (inFlightBytes.get() == 0
                || System.nanoTime() - lastProgressNanos < settings.requestTimeoutMs() * 1_000_000L);
    }

    /** Events the broker acknowledged since start. */
    long sent() {
        return sent.get();
    }

    /** Times a failed producer was replaced and the spool rewound. */
    long producerResets() {
        return producerResets.get();
    }
}
