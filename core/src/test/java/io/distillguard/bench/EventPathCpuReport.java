package io.distillguard.bench;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.time.VirtualClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Events per CPU-second of one thread ("per core") for {@link DetectionEngineBenchmark}'s workload, with default
 * scoring (full path) and with scoring pushed out ({@link DetectionEventPathBenchmark}'s event path), run alternately
 * in one JVM. It counts the thread's CPU time rather than wall time: on the shared build machine a thread that waits
 * for a core does not count against the engine (cache contention from other processes still does), so the figure
 * moves much less with the load average than JMH's throughput. Run with
 * {@code java -Xms2g -Xmx2g -cp ... io.distillguard.bench.EventPathCpuReport [rounds]}; prints best and median.
 */
public final class EventPathCpuReport {
    private static final int EVENTS = DetectionEngineBenchmark.EVENTS;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        BenchTraffic traffic = new BenchTraffic(10_000, 2 * EVENTS, 7);
        DetectionConfig full = DetectionConfig.defaults();
        DetectionConfig eventPath = full.withScoring(Integer.MAX_VALUE, 1_000_000L * 3_600_000L);
        double[] fullRates = new double[rounds];
        double[] eventRates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            fullRates[r] = run(traffic, full);
            eventRates[r] = run(traffic, eventPath);
            System.out.printf("round %d: full path %,.0f events/CPU-s, event path only %,.0f events/CPU-s%n", r,
                    fullRates[r], eventRates[r]);
        }
        System.out.printf("full path (features in the event, state update, scoring): best %,.0f, median %,.0f"
                + " events per CPU-second%n", max(fullRates), median(fullRates));
        System.out.printf("event path only (scoring pushed out): best %,.0f, median %,.0f events per CPU-second%n",
                max(eventRates), median(eventRates));
    }

    private static BenchTraffic shared;

    /**
     * One round, full path then event path only, on traffic made once per class loader: what
     * {@link EventPathCpuAb} calls alternately in the classes of two builds.
     */
    public static double[] round() {
        if (shared == null) {
            shared = new BenchTraffic(10_000, 2 * EVENTS, 7);
        }
        DetectionConfig full = DetectionConfig.defaults();
        DetectionConfig eventPath = full.withScoring(Integer.MAX_VALUE, 1_000_000L * 3_600_000L);
        return new double[] {run(shared, full), run(shared, eventPath)};
    }

    /** A fresh engine warmed with the first half of the traffic; the rate over the second half. */
    private static double run(BenchTraffic traffic, DetectionConfig config) {
        DetectionEngine engine = DetectionEngine.inMemory(config, traffic.directory::get, new AlertSink() {
            @Override
            public void onAlert(Alert alert) {
            }
        }, new VirtualClock(0));
        for (int i = 0; i < EVENTS; i++) {
            engine.onEvent(traffic.events[i]);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = EVENTS; i < traffic.events.length; i++) {
            engine.onEvent(traffic.events[i]);
        }
        long cpuNs = threads.getCurrentThreadCpuTime() - start;
        if (engine.linker().linkedEntities().isEmpty()) {
            throw new IllegalStateException("the benchmark traffic links its campaign accounts");
        }
        return EVENTS / (cpuNs / 1e9);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private EventPathCpuReport() {
    }
}
