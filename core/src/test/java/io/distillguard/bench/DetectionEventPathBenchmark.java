package io.distillguard.bench;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.event.UsageEvent;
import io.distillguard.time.VirtualClock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The event path alone: {@link DetectionEngineBenchmark}'s traffic and steady state, with entity scoring pushed out
 * of the measurement (scoring after 2^31 events or 10^6 hours), so what is measured is the per-event work of
 * profile update, linking and baselines. Run with {@code org.openjdk.jmh.Main DetectionEventPathBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DetectionEventPathBenchmark {
    static final int EVENTS = DetectionEngineBenchmark.EVENTS;

    private BenchTraffic traffic;
    private DetectionEngine engine;

    @Setup(Level.Trial)
    public void traffic() {
        traffic = new BenchTraffic(10_000, 2 * EVENTS, 7);
    }

    @Setup(Level.Invocation)
    public void engine() {
        DetectionConfig config = DetectionConfig.defaults().withScoring(Integer.MAX_VALUE, 1_000_000L * 3_600_000L);
        engine = DetectionEngine.inMemory(config, traffic.directory::get, new AlertSink() {
            @Override
            public void onAlert(Alert alert) {
            }
        }, new VirtualClock(0));
        for (int i = 0; i < EVENTS; i++) {
            engine.onEvent(traffic.events[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void onEvent(Blackhole hole) {
        UsageEvent[] events = traffic.events;
        for (int i = EVENTS; i < events.length; i++) {
            engine.onEvent(events[i]);
        }
        hole.consume(engine.linker().linkedEntities().size());
    }
}
