package io.distillguard.flink.bench;

import io.distillguard.event.UsageEvent;
import io.distillguard.flink.DetectionJob;
import io.distillguard.flink.DetectionJobConfig;
import io.distillguard.flink.JobDirectory;
import io.distillguard.flink.KafkaBrokerAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Throughput of the detection job on this machine: the hydra scenario (real prompts, features precomputed) repeated
 * with shifted times into an in-JVM Kafka topic, then the whole job (source, watermarks, detection, policy, sinks)
 * in a MiniCluster at parallelism 2, timed from submission to the end of the bounded input. Not run by surefire:
 * {@code ./mvnw -q -B -o test-compile -pl flink -am} then run this class's main with the test classpath (see
 * docs/scale-out.md). Argument: repetitions of the scenario (default 4).
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
            String policy = Files.readString(Path.of(DetectionJob.class.getResource("/policies/default.yaml").toURI()));
            DetectionJobConfig config = new DetectionJobConfig(kafka.bootstrap(), "usage", "alerts", "decisions",
                    "bench", 5_000, 60_000, 10_000, 2, policy);
            kafka.createOutputs("alerts", "decisions");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());
            DetectionJob.build(env, config, directory, Clock.systemUTC(), true);
            long start = System.nanoTime();
            env.execute("detection-bench");
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("DetectionJobBenchmark: %d events in %.1f s = %.0f events/s at parallelism 2%n",
                    events, seconds, events / seconds);
        }
        System.exit(0);
    }
}
