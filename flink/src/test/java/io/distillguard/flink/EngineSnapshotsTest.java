package io.distillguard.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.alert.JsonlAlertSink;
import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.detect.signal.Signal;
import io.distillguard.detect.signal.Signals;
import io.distillguard.detect.state.InMemoryStateStore;
import io.distillguard.event.UsageEvent;
import io.distillguard.link.AccountLinker;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The serialized form of the detection stage: an engine snapshotted halfway through the hydra scenario and restored
 * continues exactly as the original (same alerts, same links), and the state per account is measured.
 */
class EngineSnapshotsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-03T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void aRestoredEngineContinuesExactlyLikeTheOriginal() throws Exception {
        HydraScenario scenario = new HydraScenario(20, 1);
        MapDirectory directory = new MapDirectory(scenario.profiles);
        List<UsageEvent> events = scenario.events;
        int half = events.size() / 2;

        StringWriter straight = new StringWriter();
        State a = state(directory, new JsonlAlertSink(straight));
        events.forEach(e -> a.state.driver.onEvent(a.state.engine, e));
        a.state.driver.end(a.state.engine);

        StringWriter resumed = new StringWriter();
        State b = state(directory, new JsonlAlertSink(resumed));
        events.subList(0, half).forEach(e -> b.state.driver.onEvent(b.state.engine, e));
        byte[] bytes = b.snapshots.toBytes(b.state);
        State c = state(directory, new JsonlAlertSink(resumed));
        DetectionState restored = (DetectionState) c.snapshots.fromBytes(bytes);
        events.subList(half, events.size()).forEach(e -> restored.driver.onEvent(restored.engine, e));
        restored.driver.end(restored.engine);

        assertThat(resumed.toString()).isNotEmpty().isEqualTo(straight.toString());
        for (String account : scenario.profiles.keySet()) {
            assertThat(restored.engine.resolver().entityOf(account))
                    .isEqualTo(a.state.engine.resolver().entityOf(account));
        }
        byte[] full = a.snapshots.toBytes(a.state);
        System.out.printf("detection state: %d accounts, %d events, %d bytes, %.0f bytes/account%n",
                scenario.profiles.size(), events.size(), full.length, (double) full.length / scenario.profiles.size());
        assertThat(full.length / scenario.profiles.size()).isLessThan(64 * 1024);
    }

    private record State(DetectionState state, EngineSnapshots snapshots) {
    }

    /** A fresh engine wired to {@code sink}, and a snapshotter whose wiring is that engine's. */
    private static State state(MapDirectory directory, JsonlAlertSink sink) {
        DetectionConfig config = DetectionConfig.defaults();
        List<Signal> signals = Signals.defaults();
        ForwardingAlertSink forward = new ForwardingAlertSink();
        forward.target(sink);
        DetectionEngine engine = new DetectionEngine(config, directory, signals, forward, CLOCK,
                new InMemoryStateStore<>(), new InMemoryStateStore<>(), new AccountLinker(config.link()));
        List<Object> wiring = new ArrayList<>(List.of(config, config.link(), directory, CLOCK, forward));
        wiring.addAll(signals);
        return new State(new DetectionState(engine, new EventTimeDriver(60_000)), new EngineSnapshots(wiring));
    }
}
