package io.distillguard.flink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run -c io.distillguard.flink.DetectionJobMain distillguard-flink.jar <settings.yaml>}:
 * reads {@link DetectionJobSettings}, builds the unbounded job over an {@link AccountExportDirectory} and submits it.
 */
public final class DetectionJobMain {
    private DetectionJobMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DetectionJobMain <settings.yaml>");
            System.exit(2);
        }
        DetectionJobSettings settings = DetectionJobSettings.read(Path.of(args[0]));
        String policy = settings.policyFile() != null ? Files.readString(Path.of(settings.policyFile()))
                : new String(DetectionJobMain.class.getResourceAsStream("/policies/default.yaml").readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        JobDirectory directory = new AccountExportDirectory(Path.of(settings.accountsFile()),
                Duration.ofMillis(settings.accountsReloadMs()), clock);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(settings.flinkConfiguration());
        DetectionJob.build(env, settings.jobConfig(policy), directory, clock, false);
        env.execute("distillguard-detection");
    }
}
