package io.distillguard.sim.run;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scenario running on the wall clock against a live gateway (the demo): a thread sends each planned request at its
 * time (at most {@code concurrency} in flight) until the plan ends or {@link #close()} stops it.
 */
public final class RealTimeRun implements AutoCloseable {
    private final Thread thread;
    private final LoopbackSender sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean stopped;

    private RealTimeRun(ScenarioPlan plan, ScenarioRunner.RequestFactory factory, String baseUrl) {
        this.sender = new LoopbackSender(baseUrl, plan.scenario().concurrency(), InProcessGateway.FINGERPRINT_HEADER);
        Semaphore inFlight = new Semaphore(plan.scenario().concurrency());
        this.thread = Thread.ofPlatform().name("distillguard-scenario-" + plan.scenario().name()).daemon()
                .unstarted(() -> {
                    TrafficMerge merge = new TrafficMerge(plan.populations());
                    try {
                        while (!stopped && merge.hasNext()) {
                            long wait = merge.peekTime() - System.currentTimeMillis();
                            if (wait > 0) {
                                Thread.sleep(Math.min(wait, 200));
                                continue;
                            }
                            inFlight.acquire();
                            int[] next = merge.next();
                            factory.sendNow(next[0], next[1], sender).whenComplete((r, e) -> {
                                inFlight.release();
                                if (e != null || r.status() != 200) {
                                    refused.incrementAndGet();
                                }
                            });
                            sent.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    static RealTimeRun start(ScenarioPlan plan, List<List<SimAccount>> accounts,
            ScenarioRunner.RequestFactory factory, String baseUrl) {
        RealTimeRun run = new RealTimeRun(plan, factory, baseUrl);
        run.thread.start();
        return run;
    }

    /** Requests sent so far. */
    public long sent() {
        return sent.get();
    }

    /** Requests answered with anything but 200 (refused by limits or policy, or failed). */
    public long refused() {
        return refused.get();
    }

    public boolean running() {
        return thread.isAlive();
    }

    /** Stops sending and closes the client (in-flight requests are abandoned). */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}
