package io.distillguard.flink;

import io.distillguard.alert.AlertSink;
import io.distillguard.alert.Alert;
import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.detect.signal.Signal;
import io.distillguard.detect.signal.Signals;
import io.distillguard.detect.state.InMemoryStateStore;
import io.distillguard.link.AccountLinker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection state per account, separated from the fixed part: the hydra scenario (20 benign accounts with 12
 * requests a day, N campaign accounts with one request every 5 minutes) replayed for one day with two values of N;
 * the difference of the serialized snapshots divided by the difference of N is the marginal state of one busy
 * account (traffic profile sketches, link state, semantic window, entity risk). Not run by surefire; see
 * docs/scale-out.md for the command. Arguments: the two campaign sizes (default 20 and 100).
 */
public final class StateSizeBenchmark {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-03T00:00:00Z"), ZoneOffset.UTC);

    private StateSizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        long[] bytes = new long[2];
        int[] accounts = new int[2];
        int[] sizes = {small, large};
        for (int i = 0; i < 2; i++) {
            HydraScenario scenario = new HydraScenario(sizes[i], 1);
            DetectionConfig config = DetectionConfig.defaults();
            List<Signal> signals = Signals.defaults();
            ForwardingAlertSink forward = new ForwardingAlertSink();
            forward.target(new Discard());
            MapDirectory directory = new MapDirectory(scenario.profiles);
            DetectionEngine engine = new DetectionEngine(config, directory, signals, forward, CLOCK,
                    new InMemoryStateStore<>(), new InMemoryStateStore<>(), new AccountLinker(config.link()));
            DetectionState state = new DetectionState(engine, new EventTimeDriver(60_000));
            scenario.events.forEach(e -> state.driver.onEvent(engine, e));
            state.driver.end(engine);
            List<Object> wiring = new ArrayList<>(List.of(config, config.link(), directory, CLOCK, forward));
            wiring.addAll(signals);
            bytes[i] = new EngineSnapshots(wiring).toBytes(state).length;
            accounts[i] = scenario.profiles.size();
            System.out.printf("%d accounts (%d campaign), %d events: snapshot %,d bytes%n", accounts[i], sizes[i],
                    scenario.events.size(), bytes[i]);
        }
        double marginal = (double) (bytes[1] - bytes[0]) / (accounts[1] - accounts[0]);
        System.out.printf("marginal state per busy account: %,.0f bytes; fixed part: %,.0f bytes%n", marginal,
                bytes[0] - marginal * accounts[0]);
    }

    private static final class Discard implements AlertSink {
        @Override
        public void onAlert(Alert alert) {
        }

        @Override
        public void onRiskScore(RiskScore score) {
        }
    }
}
