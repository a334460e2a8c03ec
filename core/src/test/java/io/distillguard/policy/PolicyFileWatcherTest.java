package io.distillguard.policy;

import io.distillguard.policy.file.Policy;
import io.distillguard.policy.file.PolicyFileWatcher;
import io.distillguard.policy.file.PolicyLoadResult;
import io.distillguard.policy.file.PolicyLoader;
import io.distillguard.policy.input.PolicyInput;
import io.distillguard.time.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.distillguard.policy.Inputs.entity;
import static io.distillguard.policy.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyFileWatcherTest {

    private final PolicyLoader loader = new PolicyLoader();
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
    private final Policy fallback = ((PolicyLoadResult.Loaded) loader.load("version: empty\nrules: []\n")).policy();

    private static String policy(String version, String when) {
        return "version: " + version + "\nrules:\n  - {name: watch-risky, when: \"" + when
                + "\", action: watermark}\n";
    }

    @Test
    void validChangeTakesEffectAndInvalidChangeKeepsTheRunningPolicy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, policy("v1", "entity.risk >= 0.9"));
        PolicyInput medium = input(entity("e", 1, 0, 0.6, 1, true), Map.of());
        try (PolicyFileWatcher watcher = new PolicyFileWatcher(file, loader, fallback, clock)) {
            List<String> reloaded = new ArrayList<>();
            watcher.onReload(p -> reloaded.add(p.version()));
            PolicyEngine engine = new PolicyEngine(watcher);
            assertThat(watcher.currentPolicy().version()).isEqualTo("v1");
            assertThat(engine.evaluate(medium, clock.instant())).isEmpty();
            assertThat(watcher.poll()).as("unchanged file").isFalse();

            Files.writeString(file, policy("v2", "entity.risk >= 0.5"));
            assertThat(watcher.poll()).isTrue();
            assertThat(engine.evaluate(medium, clock.instant())).hasSize(1);
            assertThat(reloaded).containsExactly("v2");

            clock.advance(60_000);
            Files.writeString(file, policy("v3", "entity.risk >= 'high'"));
            assertThat(watcher.poll()).isFalse();
            assertThat(watcher.currentPolicy().version()).isEqualTo("v2");
            assertThat(engine.evaluate(medium, clock.instant())).hasSize(1);
            assertThat(watcher.lastReloadError()).hasValueSatisfying(err -> {
                assertThat(err.message()).contains("rule 'watch-risky'").contains("no matching overload");
                assertThat(err.at()).isEqualTo(clock.instant());
            });

            Files.writeString(file, policy("v4", "entity.risk >= 0.99"));
            assertThat(watcher.poll()).isTrue();
            assertThat(watcher.lastReloadError()).isEmpty();
            assertThat(engine.evaluate(medium, clock.instant())).isEmpty();
            assertThat(reloaded).containsExactly("v2", "v4");
        }
    }

    @Test
    void invalidFileAtStartupRunsTheFallbackAndTheBackgroundPollerPicksUpTheFix(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "version: bad\nrules:\n  - {name: x, when: \"entity.nope\", action: tag}\n");
        try (PolicyFileWatcher watcher = new PolicyFileWatcher(file, loader, fallback, clock)) {
            assertThat(watcher.currentPolicy()).isSameAs(fallback);
            assertThat(watcher.lastReloadError()).hasValueSatisfying(e -> assertThat(e.message())
                    .contains("rule 'x'").contains("undefined field 'nope'"));
            watcher.start(Duration.ofMillis(20));
            Files.writeString(file, policy("good", "true"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!watcher.currentPolicy().version().equals("good") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(watcher.currentPolicy().version()).isEqualTo("good");
            assertThat(watcher.lastReloadError()).isEmpty();
        }
    }
}
