package io.distillguard.metering;

import java.util.concurrent.locks.LockSupport;

/**
 * How the background workers behind the request path (metering, detection feed, event writer) wait for work: they
 * drain their queue, then sleep for a short tick, and producers never wake them. With a blocking {@code poll} every
 * item put into an empty queue costs a futex wake-up on the producer (often an event loop) and a context switch to
 * the worker, which at thousands of requests per second on a small machine costs more CPU than the work handed over;
 * a tick turns that into one wake-up per tick with a batch of items. Something that must not wait for the tick
 * (flush, close, a query) calls {@link LockSupport#unpark} on the worker.
 */
public final class WorkerTick {
    private WorkerTick() {}

    /** Sleeps up to {@code nanos} (less when unparked or interrupted); keeps the interrupt flag. */
    public static void idle(long nanos) {
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }
}
