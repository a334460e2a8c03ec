package io.distillguard.metering;

import io.distillguard.event.PromptFeatures;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventSink;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way usage leaves the request path: completed requests are queued here (never blocking, never dropped) and a
 * worker thread computes prompt features (and, with an {@link EmbeddingStage}, the sampled prompt embeddings), builds
 * the {@link UsageEvent} and hands it to the sinks (durable store, detection feed); the worker picks records up every
 * few milliseconds rather than being woken by each one ({@link WorkerTick}). When more than {@code capacity} records wait, {@link #saturated()} tells the gateway to refuse new
 * requests (503) rather than lose a record. {@link #close()} drains everything.
 */
public final class MeteringPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeteringPipeline.class);

    /** How long the worker sleeps when the queue is empty; submitting a record never wakes it (see WorkerTick). */
    static final long TICK_NANOS = 5_000_000;
    private final LinkedBlockingQueue<MeteringRecord> queue = new LinkedBlockingQueue<>();
    private final int capacity;
    private final PromptFeaturizer featurizer;
    private final EmbeddingStage embeddings;
    private final List<UsageEventSink> sinks;
    private final Thread worker;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong featureFailures = new AtomicLong();
    private final java.util.function.ToLongFunction<MeteringRecord> sequence;
    private final java.util.PriorityQueue<MeteringRecord> reorder;
    private final java.util.concurrent.atomic.AtomicInteger reordering = new java.util.concurrent.atomic.AtomicInteger();
    private long nextSequence;
    private volatile boolean closing;

    public MeteringPipeline(int capacity, PromptFeaturizer featurizer, List<UsageEventSink> sinks) {
        this(capacity, featurizer, null, sinks);
    }

    /** A pipeline that also embeds the sampled prompts with {@code embeddings} (null: no embeddings). */
    public MeteringPipeline(int capacity, PromptFeaturizer featurizer, EmbeddingStage embeddings,
                            List<UsageEventSink> sinks) {
        this(capacity, featurizer, embeddings, sinks, null);
    }

    /**
     * A pipeline that builds events in the order {@code sequence} numbers the records (0, 1, 2, ...; a negative number
     * is built at once) rather than the order requests complete in: a record waits until every lower number was
     * built. The evaluation harness numbers its requests so that order-dependent prompt features (the template
     * recognizer learns from what it saw before) come out the same run after run. Null: completion order.
     */
    public MeteringPipeline(int capacity, PromptFeaturizer featurizer, EmbeddingStage embeddings,
                            List<UsageEventSink> sinks, java.util.function.ToLongFunction<MeteringRecord> sequence) {
        this.sequence = sequence;
        this.reorder = sequence == null ? null
                : new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(sequence));
        this.capacity = capacity;
        this.featurizer = featurizer;
        this.embeddings = embeddings;
        this.sinks = List.copyOf(sinks);
        this.worker = Thread.ofPlatform().name("distillguard-metering").daemon(false).unstarted(this::run);
        worker.start();
    }

    /** Queues a finished request's record. Never blocks, never drops. */
    public void submit(MeteringRecord record) {
        if (closing) {
            // Late completions during shutdown are processed inline so nothing is lost (without embedding: this may be
            // an event loop).
            deliver(build(record, false));
            return;
        }
        submitted.incrementAndGet();
        queue.add(record);
    }

    /** True while the backlog is at capacity: new requests should be refused until the worker catches up. */
    public boolean saturated() {
        return queue.size() >= capacity;
    }

    public int backlog() {
        return queue.size() + reordering.get();
    }

    public long submitted() {
        return submitted.get();
    }

    public long processed() {
        return processed.get();
    }

    public long featureFailures() {
        return featureFailures.get();
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            MeteringRecord r = queue.poll();
            if (r != null) {
                inOrder(r);
            } else {
                WorkerTick.idle(TICK_NANOS); // no wake-up per record: see WorkerTick
            }
        }
        if (reorder != null) { // numbers that never came: build the rest in order rather than lose them
            for (MeteringRecord r; (r = reorder.poll()) != null; ) {
                deliver(build(r, true));
            }
            reordering.set(0);
        }
    }

    private void inOrder(MeteringRecord r) {
        long seq = sequence == null ? -1 : sequence.applyAsLong(r);
        if (seq < 0) {
            deliver(build(r, true));
            return;
        }
        reorder.add(r);
        reordering.incrementAndGet();
        while (!reorder.isEmpty() && sequence.applyAsLong(reorder.peek()) <= nextSequence) {
            MeteringRecord next = reorder.poll();
            reordering.decrementAndGet();
            nextSequence = Math.max(nextSequence, sequence.applyAsLong(next) + 1);
            deliver(build(next, true));
        }
    }

    private void deliver(UsageEvent event) {
        for (UsageEventSink sink : sinks) {
            try {
                sink.accept(event);
            } catch (RuntimeException e) {
                LOG.error("usage sink {} failed on {}", sink.getClass().getSimpleName(), event.requestId(), e);
            }
        }
        processed.incrementAndGet();
    }

    private UsageEvent build(MeteringRecord r, boolean onWorker) {
        PromptFeatures features = PromptFeatures.EMPTY;
        if (!r.prompt().messages().isEmpty()) {
            try {
                features = featurizer.featurize(r.prompt().messages());
            } catch (RuntimeException e) {
                featureFailures.incrementAndGet();
                LOG.warn("prompt features failed for {}: {}", r.requestId(), e.toString());
            }
            if (embeddings != null && onWorker && features != PromptFeatures.EMPTY) {
                features = embeddings.apply(r.accountId(), r.requestId(), r.prompt().messages(), features);
            }
        }
        return new UsageEvent(r.requestId(), r.timestampMs(), r.orgId(), r.accountId(), r.keyId(), r.entityId(),
                r.clientIp(), r.clientFingerprint(), r.userAgent(), r.model(), r.endpoint(), r.params(), features,
                r.usage().inputTokens(), r.usage().outputTokens(), r.status(), r.errorCode(), r.latencyMs(),
                r.ttftMs(), r.usage().source(), r.retainText() ? r.prompt().joined() : null,
                r.retainText() ? r.responseText() : null);
    }

    /** Stops taking work from the queue once it is empty, and waits for the worker. */
    @Override
    public void close() {
        closing = true;
        java.util.concurrent.locks.LockSupport.unpark(worker);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
