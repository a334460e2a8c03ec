package io.distillguard.flink.bench;

import io.distillguard.event.UsageEvent;
import io.distillguard.flink.DetectionJob;
import io.distillguard.flink.DetectionJobConfig;
import io.distillguard.flink.DetectionJobSettings;
import io.distillguard.flink.JobDirectory;
import io.distillguard.flink.KafkaBrokerAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Throughput of the detection job on this machine: the hydra scenario (real prompts, features precomputed) repeated
 * with shifted times into an in-JVM Kafka topic, then the whole job (source, watermarks, detection, policy, sinks)
 * in a MiniCluster at parallelism 2, timed from submission to the end of the bounded input. Not run by surefire:
 * {@code ./mvnw -q -B -o test-compile -pl flink -am} then run this class's main with the test classpath (see
 * docs/scale-out.md). Argument: repetitions of the scenario (default 4). Prints the rate over the whole run
 * (cluster start, job submission and the final checkpoint included) and the steady rate: events over the time from
 * the first to the last event leaving the source stage (back-pressure ties that to the detection stage's rate).
 */
public final class DetectionJobBenchmark {
    private DetectionJobBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        try (KafkaBrokerAccess kafka = KafkaBrokerAccess.start()) {
            var scenario = KafkaBrokerAccess.scenario();
            JobDirectory directory = KafkaBrokerAccess.directory(scenario);
            long events = kafka.produceScenario("usage", scenario, reps);
            String policy = new String(DetectionJob.class.getResourceAsStream("/policies/default.yaml").readAllBytes(), StandardCharsets.UTF_8);
            DetectionJobConfig config = new DetectionJobConfig(kafka.bootstrap(), "usage", "alerts", "decisions",
                    "bench", 5_000, 60_000, 10_000, 2, policy);
            kafka.createOutputs("alerts", "decisions");
            // The engine's snapshot outgrows the JobManager's 5 MB in-memory checkpoint limit: checkpoint to disk.
            Path checkpoints = Files.createTempDirectory("detection-bench");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2,
                    DetectionJobSettings.flinkConfiguration("hashmap", checkpoints.toString()));
            DataStream<UsageEvent> source = DetectionJob.source(env, config, true).map(new Meter()).uid("meter");
            DetectionJob.detect(source, config, directory, Clock.systemUTC());
            long start = System.nanoTime();
            env.execute("detection-bench");
            double seconds = (System.nanoTime() - start) / 1e9;
            double steady = (Meter.LAST.get() - Meter.FIRST.get()) / 1e9;
            System.out.printf("DetectionJobBenchmark: %d events in %.1f s = %.0f events/s at parallelism 2 "
                    + "(whole run); steady: %d events in %.1f s = %.0f events/s%n", events, seconds, events / seconds,
                    Meter.COUNT.get(), steady, Meter.COUNT.get() / steady);
        }
        System.exit(0);
    }

    /** Passes events through, noting when the first and the last one passed (all subtasks, this JVM). */
    static final class Meter implements MapFunction<UsageEvent, UsageEvent> {
        static final AtomicLong FIRST = new AtomicLong(Long.MAX_VALUE);
        static final AtomicLong LAST = new AtomicLong();
        static final AtomicLong COUNT = new AtomicLong();

        @Override
        public UsageEvent map(UsageEvent e) {
            long now = System.nanoTime();
            FIRST.accumulateAndGet(now, Math::min);
            LAST.accumulateAndGet(now, Math::max);
            COUNT.incrementAndGet();
            return e;
        }
    }
}
