package io.distillguard.flink;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * The job's YAML settings file, as {@link DetectionJobMain} reads it: Kafka and topics, parallelism, checkpointing
 * (interval, directory, state backend {@code hashmap} or {@code rocksdb}), the account export the directory reloads,
 * an optional policy file (default: the core's {@code policies/default.yaml}) and an optional ASN database
 * ({@code asnDatabase}, the gateway's {@code identity.asnDatabase} file), and how long request ids are remembered to
 * drop redelivered events ({@code dedupWindowMs}, default 10 minutes). Absent keys take the defaults of
 * {@link DetectionJobConfig#defaults}. See docs/scale-out.md for an example file.
 */
public record DetectionJobSettings(String bootstrapServers, String usageTopic, String alertsTopic,
                                   String decisionsTopic, String groupId, Integer parallelism,
                                   Long maxOutOfOrdernessMs, Long flushEveryMs, Long checkpointIntervalMs,
                                   String checkpointDir, String stateBackend, String accountsFile,
                                   Long accountsReloadMs, String policyFile, String asnDatabase,
                                   Long dedupWindowMs) {

    public DetectionJobSettings {
        bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
        stateBackend = stateBackend == null ? "hashmap" : stateBackend.toLowerCase(Locale.ROOT);
        accountsReloadMs = accountsReloadMs == null ? 60_000L : accountsReloadMs;
        if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb")) {
            throw new IllegalArgumentException("stateBackend must be hashmap or rocksdb: " + stateBackend);
        }
        if (accountsFile == null || accountsFile.isBlank()) {
            throw new IllegalArgumentException("accountsFile (JSONL account export) is required");
        }
        if (accountsReloadMs < 1) {
            throw new IllegalArgumentException("accountsReloadMs must be positive");
        }
    }

    /** Reads a settings file; unknown keys are an error (a misspelt key should not silently take a default). */
    public static DetectionJobSettings read(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return yaml.readValue(Files.readString(file), DetectionJobSettings.class);
    }

    /** The job's config with {@code policyYaml} (the text of {@link #policyFile} or the default policy). */
    public DetectionJobConfig jobConfig(String policyYaml) {
        DetectionJobConfig d = DetectionJobConfig.defaults(bootstrapServers, policyYaml);
        return new DetectionJobConfig(bootstrapServers, or(usageTopic, d.usageTopic()), or(alertsTopic, d.alertsTopic()),
                or(decisionsTopic, d.decisionsTopic()), or(groupId, d.groupId()),
                or(maxOutOfOrdernessMs, d.maxOutOfOrdernessMs()), or(flushEveryMs, d.flushEveryMs()),
                or(checkpointIntervalMs, d.checkpointIntervalMs()), or(parallelism, d.parallelism()), policyYaml,
                asnDatabase, or(dedupWindowMs, DetectionJobConfig.DEFAULT_DEDUP_WINDOW_MS));
    }

    /** Flink settings for the state backend and checkpoint storage (incremental checkpoints with RocksDB). */
    public Configuration flinkConfiguration() {
        return flinkConfiguration(stateBackend, checkpointDir);
    }

    /** Flink settings for {@code backend} ({@code hashmap} or {@code rocksdb}) checkpointing to {@code dir}. */
    public static Configuration flinkConfiguration(String backend, String dir) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        if (dir != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.contains("://") ? dir : Path.of(dir).toUri().toString());
            // Kept after a cancel or finish, so that a redeployed job can start from the last one (flink run -s).
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (backend.equals("rocksdb")) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        return conf;
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }
}
