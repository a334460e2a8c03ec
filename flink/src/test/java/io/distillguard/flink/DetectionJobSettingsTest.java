package io.distillguard.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable job's inputs: the YAML settings file (defaults, overrides, the Flink state backend it configures,
 * misspelt keys rejected) and the account export directory (profiles as exported, unknown accounts on the unknown
 * tier, the table reloaded when the file changes).
 */
class DetectionJobSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aSettingsFileOverridesTheDefaultsAndConfiguresRocksDb() throws Exception {
        Path file = Files.writeString(dir.resolve("job.yaml"), """
                bootstrapServers: kafka-1:9092,kafka-2:9092
                parallelism: 4
                checkpointIntervalMs: 30000
                checkpointDir: /var/lib/distillguard/checkpoints
                stateBackend: RocksDB
                accountsFile: /var/lib/distillguard/accounts.jsonl
                """);
        DetectionJobSettings settings = DetectionJobSettings.read(file);
        DetectionJobConfig config = settings.jobConfig("rules: []");

        assertThat(config.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.parallelism()).isEqualTo(4);
        assertThat(config.checkpointIntervalMs()).isEqualTo(30_000);
        assertThat(config.usageTopic()).isEqualTo("distillguard.usage-events");
        assertThat(config.decisionsTopic()).isEqualTo("distillguard.decisions");
        assertThat(settings.flinkConfiguration().get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(settings.flinkConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("file:///var/lib/distillguard/checkpoints");
        assertThat(settings.flinkConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    }

    @Test
    void aMisspeltKeyOrAMissingAccountExportIsRejected() throws Exception {
        Path misspelt = Files.writeString(dir.resolve("a.yaml"), "accountsFile: a.jsonl\nparalelism: 4\n");
        assertThatThrownBy(() -> DetectionJobSettings.read(misspelt)).isInstanceOf(UnrecognizedPropertyException.class);
        Path noAccounts = Files.writeString(dir.resolve("b.yaml"), "parallelism: 4\n");
        assertThatThrownBy(() -> DetectionJobSettings.read(noAccounts)).hasMessageContaining("accountsFile");
    }

    @Test
    void theAccountExportIsReadAndReloadedWhenItChanges() throws Exception {
        Path file = dir.resolve("accounts.jsonl");
        Files.writeString(file, """
                {"accountId":"a1","orgId":"org1","tier":{"name":"tier-1","rpm":500,"inputTpm":200000,"outputTpm":50000,"outputTpd":5000000},"createdAt":"2026-01-02T03:04:05Z","emailDomain":"corp.example","paymentFingerprintHash":"pf1","signupPath":"self-serve","verified":true,"asn":64500}
                """);
        AccountExportDirectory directory = new AccountExportDirectory(file, Duration.ZERO,
                Clock.fixed(Instant.parse("2026-10-01T00:00:00Z"), ZoneOffset.UTC));

        var a1 = directory.profile("a1");
        assertThat(a1.orgId()).isEqualTo("org1");
        assertThat(a1.tier().outputTpd()).isEqualTo(5_000_000);
        assertThat(a1.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(a1.paymentFingerprintHash()).isEqualTo("pf1");
        assertThat(a1.verifiedIdHash()).isNull();
        assertThat(a1.verified()).isTrue();
        assertThat(a1.asn()).isEqualTo(64500);
        assertThat(directory.profile("a2").tier()).isEqualTo(AccountExportDirectory.UNKNOWN_TIER);

        Files.writeString(file, Files.readString(file)
                + "{\"accountId\":\"a2\",\"orgId\":\"org2\",\"paymentFingerprintHash\":\"pf1\"}\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(directory.profile("a2").orgId()).isEqualTo("org2");
        assertThat(directory.size()).isEqualTo(2);
    }
}
