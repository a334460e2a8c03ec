package io.distillguard.demo;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one simulator, read by tests (cancellation, in-flight limits) and benchmarks. */
final class SimulatorStats {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong cancelledStreams = new AtomicLong();
    final AtomicLong streamedChunks = new AtomicLong();
}
