package io.distillguard.metering;

import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded hand-off from metering to the detectors, which run on their own thread. Detection never slows metering:
 * when the detectors fall behind and the queue is full, events are shed and counted ({@link #shed()}) - the durable
 * log still has them, so a replay can catch up. Events keep their order. The same thread also runs submitted tasks
 * (queries of detector state) and a periodic tick, so detector state is only ever touched by one thread.
 */
public final class DetectionFeed implements UsageEventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionFeed.class);
    private static final long TICK_MS = 1_000;
    /** Sleep of the worker when there is nothing to do; offering an event never wakes it ({@link WorkerTick}). */
    private static final long IDLE_NANOS = 5_000_000;
    private final ArrayBlockingQueue<UsageEvent> queue;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final UsageEventSink detectors;
    private final Runnable tick;
    private final Thread worker;
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean closing;

    public DetectionFeed(int capacity, UsageEventSink detectors, Runnable tick) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.detectors = detectors;
        this.tick = tick;
        this.worker = Thread.ofPlatform().name("distillguard-detection").daemon(true).unstarted(this::run);
        worker.start();
    }

    @Override
    public void accept(UsageEvent event) {
        if (!queue.offer(event)) {
            long n = shed.incrementAndGet();
            if (Long.bitCount(n) == 1) { // log at 1, 2, 4, 8, ... so overload is visible but not noisy
                LOG.warn("detection queue full: {} events shed so far", n);
            }
        }
    }

    /** Runs {@code task} on the detection thread, between events. */
    public void submit(Runnable task) {
        tasks.add(task);
        LockSupport.unpark(worker);
    }

    public int depth() {
        return queue.size();
    }

    public long shed() {
        return shed.get();
    }

    public long delivered() {
        return delivered.get();
    }

    private void run() {
        long nextTick = System.currentTimeMillis() + TICK_MS;
        while (!closing || !queue.isEmpty() || !tasks.isEmpty()) {
            try {
                UsageEvent e = queue.poll();
                if (e != null) {
                    detectors.accept(e);
                    delivered.incrementAndGet();
                }
                for (Runnable t; (t = tasks.poll()) != null; ) {
                    t.run();
                }
                if (System.currentTimeMillis() >= nextTick) {
                    nextTick = System.currentTimeMillis() + TICK_MS;
                    tick.run();
                }
                if (e == null && tasks.isEmpty()) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    WorkerTick.idle(IDLE_NANOS); // events never wake the worker; tasks and close do
                }
            } catch (RuntimeException ex) {
                LOG.error("detector failed", ex);
            }
        }
    }

    /** Lets the detectors finish what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(worker);
        try {
            worker.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
