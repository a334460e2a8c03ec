package io.distillguard.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.detect.risk.SignalContribution;
import io.distillguard.detect.signal.EntityView;
import io.distillguard.detect.signal.Signal;
import io.distillguard.detect.signal.SignalScore;
import io.distillguard.detect.signal.Signals;
import io.distillguard.detect.state.InMemoryStateStore;
import io.distillguard.event.ContentFlag;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import io.distillguard.link.AccountLinker;
import io.distillguard.time.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Golden replay for the scoring internals: a fixed synthetic stream (benign accounts, linked campaigns with shared
 * cards and templates, logprob harvesting, temperature sweeps, several models, throttling, flagged prompts) goes
 * through the engine with the default signals, and every reading of every scoring (signal, value, baseline, score,
 * explanation), every emitted risk and every alert is hashed, per signal. The digests were recorded with the scoring
 * code before its performance work (commit 8478c9b); any change to what a signal or the risk says changes them. A
 * deliberate change of a signal's behaviour updates the digests here, with the reason in its commit.
 */
class ScoringGoldenTest {
    private static final Map<String, String> GOLDEN = new LinkedHashMap<>();

    static {
        GOLDEN.put("volume", "9448:32140e3dc8a883c2");
        GOLDEN.put("tier_riding", "9448:eec3f6221787d278");
        GOLDEN.put("fleet", "9448:7f30ce5c15b0e2b8");
        GOLDEN.put("content", "9448:c152c6ed9bfe02a8");
        GOLDEN.put("template_concentration", "9448:5005c1699a55be79");
        GOLDEN.put("prompt_sweep", "9448:027e2a0c35543cbc");
        GOLDEN.put("near_duplicates", "9448:fe9d2c84ec74c0b6");
        GOLDEN.put("api_surface", "9448:0b5e4aa472583905");
        GOLDEN.put("timing_regularity", "9448:a305cf751c2ef810");
        GOLDEN.put("flat_activity", "9448:a1e1252cca9fe3da");
        GOLDEN.put("synchrony", "9448:8c6e32f77a185ab5");
        GOLDEN.put("release_pivot", "9448:65a43f4a2fc2167e");
        // Re-recorded when the campaign and dataset_sweep signals joined the defaults: the twelve readings above are
        // unchanged; the two new readings and the combined risk, alerts and riskOf are new.
        GOLDEN.put("campaign", "9448:7f44151c89ecc125");
        GOLDEN.put("dataset_sweep", "9448:d3dfb5b4343a04f2");
        GOLDEN.put("logit_extraction", "9448:1ef300135cc8e5cf");
        GOLDEN.put("risk", "1765:e158fb62c69a51f7");
        GOLDEN.put("alerts", "16:d7732231aa3bbd5f");
        GOLDEN.put("riskOf", "99:0d5481fed81648dd");
    }

    @Test
    void everyReadingRiskAndAlertStaysTheSame() throws Exception {
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        List<Signal> recorded = new ArrayList<>();
        for (Signal signal : Signals.defaults()) {
            recorded.add(new Recording(signal, digests, counts));
        }
        Traffic traffic = new Traffic(500, 15_000, 11);
        AlertSink sink = new AlertSink() {
            @Override
            public void onAlert(Alert alert) {
                update(digests, counts, "alerts", alert.entityId() + "|" + alert.revision() + "|"
                        + bits(alert.score()) + "|" + alert.accounts() + "|" + alert.accountCount() + "|"
                        + alert.firstSeenMs() + "|" + alert.lastSeenMs() + "|" + alert.requests() + "|"
                        + alert.linkReasons().size() + "|" + alert.samplePromptHashes() + "|"
                        + describe(alert.signals()));
            }

            @Override
            public void onRiskScore(RiskScore risk) {
                update(digests, counts, "risk", risk.entityId() + "|" + bits(risk.score()) + "|" + risk.atMs() + "|"
                        + describe(risk.breakdown()));
            }
        };
        DetectionEngine engine = new DetectionEngine(DetectionConfig.defaults(), traffic.directory::get, recorded,
                sink, new VirtualClock(0), new InMemoryStateStore<>(),
                new InMemoryStateStore<>(),
                new AccountLinker(DetectionConfig.defaults().link()));
        for (UsageEvent e : traffic.events) {
            engine.onEvent(e);
        }
        engine.flush(traffic.events[traffic.events.length - 1].timestampMs() + 60_000);
        for (String entity : new TreeSet<>(engine.linker().linkedEntities())) {
            RiskScore risk = engine.riskOf(entity);
            update(digests, counts, "riskOf", entity + "|" + (risk == null ? "-" : bits(risk.score()) + "|"
                    + describe(risk.breakdown())));
        }
        Map<String, String> actual = new LinkedHashMap<>();
        digests.forEach((name, d) -> actual.put(name, counts.get(name) + ":"
                + HexFormat.of().formatHex(d.digest()).substring(0, 16)));
        assertEquals(GOLDEN, actual, "readings changed; actual digests: " + actual);
    }

    private static String describe(List<SignalContribution> parts) {
        StringBuilder out = new StringBuilder();
        for (SignalContribution part : parts) {
            out.append(reading(part.reading())).append('/').append(bits(part.weight())).append(';');
        }
        return out.toString();
    }

    private static String reading(SignalScore s) {
        return s.signal() + "|" + bits(s.value()) + "|" + bits(s.baseline()) + "|" + bits(s.score()) + "|"
                + s.explanation();
    }

    private static String bits(double d) {
        return Long.toHexString(Double.doubleToLongBits(d));
    }

    private static void update(Map<String, MessageDigest> digests, Map<String, Integer> counts, String name,
                               String line) {
        digests.computeIfAbsent(name, n -> sha256()).update((line + "\n").getBytes(StandardCharsets.UTF_8));
        counts.merge(name, 1, Integer::sum);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signal that hashes each of its readings, with the entity and time it was made for. */
    private record Recording(Signal signal, Map<String, MessageDigest> digests, Map<String, Integer> counts)
            implements Signal {
        @Override
        public String name() {
            return signal.name();
        }

        @Override
        public double defaultWeight() {
            return signal.defaultWeight();
        }

        @Override
        public SignalScore score(EntityView view) {
            SignalScore s = signal.score(view);
            update(digests, counts, signal.name(), view.entityId() + "|" + view.nowMs() + "|"
                    + view.members().size() + "|" + reading(s));
            return s;
        }

        @Override
        public void observe(UsageEvent event, String entityId) {
            signal.observe(event, entityId);
        }
    }

    /** The stream: fixed seed, every hash set explicitly (no builder counters). */
    private static final class Traffic {
        final Map<String, AccountProfile> directory = new HashMap<>();
        final UsageEvent[] events;

        Traffic(int accounts, int eventCount, long seed) {
            Random random = new Random(seed);
            for (int a = 0; a < accounts; a++) {
                String id = "acct" + a;
                AccountProfile base = TestEvents.account(id);
                boolean campaign = a % 5 == 0;
                directory.put(id, new AccountProfile(id, base.orgId(), base.tier(), base.createdAt(),
                        campaign ? "gmail.com" : "corp" + (a % 97) + ".com", "pf_" + (campaign ? a % 8 : a), null,
                        "self-serve", false, null));
            }
            events = new UsageEvent[eventCount];
            long t = TestEvents.T0;
            for (int i = 0; i < eventCount; i++) {
                int a = random.nextInt(accounts);
                boolean campaign = a % 5 == 0;
                t += campaign ? 2_000 + random.nextInt(400) : random.nextInt(30_000);
                int kind = a % 4;
                RequestParams params = new RequestParams(campaign && kind == 1 ? 4 : 1,
                        campaign && kind == 2 ? random.nextInt(12) * 0.1 : 0.7, null,
                        campaign && kind == 3 ? 16_384 : 1024, campaign && kind == 0, campaign && kind == 0 ? 5 : 0,
                        campaign && kind == 0 && random.nextInt(10) == 0 ? 3 : 0, 0, null, true, null, null);
                long sim = campaign && random.nextInt(3) == 0 ? 0x5555_0000_0000_0000L ^ (1L << random.nextInt(3))
                        : random.nextLong() | 1;
                int flags = campaign && random.nextBoolean() ? ContentFlag.REASONING_ELICITATION.bit()
                        : random.nextInt(40) == 0 ? ContentFlag.CODE.bit() : 0;
                events[i] = TestEvents.event("acct" + a, t)
                        .ip((campaign ? "45.9." + (a % 3) : "10." + (a % 250) + "." + (a / 250 % 250)) + ".1")
                        .model(i > eventCount * 3 / 4 && (campaign || random.nextInt(10) == 0) ? "model-new"
                                : random.nextInt(4) == 0 ? "model-b" : "model-a")
                        .params(params)
                        .simHash(sim)
                        .contentHash(random.nextLong())
                        .templateHash(campaign ? 1 + random.nextInt(5) : random.nextLong())
                        .flags(flags)
                        .userTurns(campaign ? 1 : 1 + random.nextInt(3))
                        .status(campaign && random.nextInt(50) == 0 ? 429 : 200)
                        .tokens(campaign ? 1500 + random.nextInt(500) : 100 + random.nextInt(2000),
                                campaign ? 1800 + random.nextInt(200) : 100 + random.nextInt(2000))
                        .build();
            }
        }
    }
}
