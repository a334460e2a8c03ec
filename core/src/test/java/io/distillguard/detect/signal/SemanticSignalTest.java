package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.detect.TestEvents;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.detect.state.InMemoryStateStore;
import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.event.UsageEvent;
import io.distillguard.feature.PromptMessage;
import io.distillguard.feature.SharedPrompts;
import io.distillguard.link.AccountLinker;
import io.distillguard.semantic.BenignReference;
import io.distillguard.semantic.BenignReferenceLoader;
import io.distillguard.semantic.MiniLmEmbedder;
import io.distillguard.time.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The semantic signal on real prompts: a ShareGPT reference (loaded from a JSONL prompts file), held-out ShareGPT
 * human turns as a benign entity, and GSM8K questions in one chain-of-thought template as a distillation campaign.
 */
class SemanticSignalTest {

    static final String COT = "Solve the following problem. Imagine and articulate the internal reasoning behind"
            + " a completed response and write it out step by step.\n\nProblem: %s";

    private static BenignReference reference;
    private static List<byte[]> benign;
    private static List<byte[]> oneUser;
    private static List<byte[]> campaign;

    @BeforeAll
    static void embed(@TempDir Path dir) throws IOException {
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        List<String> turns = SharedPrompts.shareGptHumanTurns(340);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (String t : turns.subList(0, 200)) {
            lines.add(json.writeValueAsString(Map.of("prompt", t)));
        }
        Path file = Files.write(dir.resolve("benign.jsonl"), lines);
        reference = BenignReferenceLoader.fromPromptsFile(file, embedder, 200, SemanticConfig.PROJECTION_SEED);
        benign = embedder.embedAll(SharedPrompts.shareGptFirstTurns(340).subList(300, 340).stream()
                .map(SemanticSignalTest::asGateway).toList());
        oneUser = embedder.embedAll(turns.subList(300, 340).stream().map(SemanticSignalTest::asGateway).toList());
        campaign = embedder.embedAll(SharedPrompts.gsm8kQuestions(40).stream()
                .map(q -> asGateway(COT.formatted(q))).toList());
    }

    private static String asGateway(String prompt) {
        return BenignReferenceLoader.embeddedText(List.of(PromptMessage.user(prompt)));
    }

    private static List<UsageEvent> events(String account, List<byte[]> embeddings, long startMs) {
        List<UsageEvent> out = new ArrayList<>();
        for (int i = 0; i < embeddings.size(); i++) {
            out.add(event(account, startMs + i * 60_000L).embedding(embeddings.get(i)).build());
        }
        return out;
    }

    private static SignalScore feedAndScore(SemanticSignal signal, SignalFixture f, List<UsageEvent> events,
                                            String... accounts) {
        for (UsageEvent e : events) {
            f.add(e);
            signal.observe(e, "ent_" + accounts[0]);
        }
        return signal.score(f.view(accounts));
    }

    @Test
    void templatedCotCampaignScoresHighAgainstShareGptReference() {
        SemanticSignal signal = new SemanticSignal(reference, SemanticConfig.DEFAULTS);
        SignalScore s = feedAndScore(signal, new SignalFixture(), events("distiller", campaign, T0), "distiller");
        System.out.println("campaign: " + s.explanation());
        assertThat(s.score()).isGreaterThan(0.9);
        assertThat(s.value()).isGreaterThan(5 * s.baseline());
        assertThat(s.explanation()).startsWith("prompt distribution differs from benign traffic: MMD^2 ")
                .contains("(p=0.005, 28 sampled prompts)").contains("topic buckets per 40 embedded prompts");
    }

    @Test
    void heldOutShareGptTurnsScoreZero() {
        SemanticSignal signal = new SemanticSignal(reference, SemanticConfig.DEFAULTS);
        SignalScore s = feedAndScore(signal, new SignalFixture(), events("person", benign, T0), "person");
        System.out.println("held-out first turns: " + s.explanation());
        assertThat(s.score()).isZero();
        assertThat(s.value()).isLessThan(s.baseline());
        assertThat(s.explanation()).startsWith("prompt distribution is like benign traffic");
    }

    @Test
    void oneUsersConsecutiveConversationTurnsScoreZero() {
        // 40 consecutive human turns: a few conversations, as one person sends them - narrower than broad traffic.
        SemanticSignal signal = new SemanticSignal(reference, SemanticConfig.DEFAULTS);
        SignalScore s = feedAndScore(signal, new SignalFixture(), events("user", oneUser, T0), "user");
        System.out.println("held-out consecutive turns: " + s.explanation());
        assertThat(s.score()).isZero();
        assertThat(s.value()).isLessThan(SemanticConfig.DEFAULTS.onsetRatio() * s.baseline());
    }

    @Test
    void linkedAccountsAreComparedTogether() {
        SemanticSignal signal = new SemanticSignal(reference, SemanticConfig.DEFAULTS);
        SignalFixture f = new SignalFixture();
        List<UsageEvent> all = new ArrayList<>(events("hydra1", campaign.subList(0, 12), T0));
        all.addAll(events("hydra2", campaign.subList(12, 24), T0 + 30_000));
        SignalScore alone = feedAndScore(signal, f, all, "hydra1");
        assertThat(alone.score()).isZero();
        assertThat(alone.explanation()).isEqualTo("12 embedded prompts; too few to compare with benign traffic (need 16)");
        SignalScore together = signal.score(f.view("hydra1", "hydra2"));
        assertThat(together.score()).isGreaterThan(0.9);
        assertThat(together.explanation()).contains("24 sampled prompts").contains("per 24 embedded prompts");
    }

    @Test
    void withoutEmbeddingsOrReferenceThereIsNoScore() {
        SemanticSignal signal = new SemanticSignal(reference, SemanticConfig.DEFAULTS);
        SignalFixture f = new SignalFixture();
        List<UsageEvent> plain = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            plain.add(event("plain", T0 + i * 1000L).build());
        }
        SignalScore none = feedAndScore(signal, f, plain, "plain");
        assertThat(none.score()).isZero();
        assertThat(none.explanation()).startsWith("0 embedded prompts");
        assertThat(signal.trackedAccounts()).isZero();

        SemanticSignal off = new SemanticSignal(null, SemanticConfig.DEFAULTS);
        SignalScore offScore = feedAndScore(off, new SignalFixture(), events("distiller", campaign, T0), "distiller");
        assertThat(offScore).isEqualTo(SignalScore.none("semantic",
                "no benign reference configured; prompt distribution not compared"));
        assertThat(off.trackedAccounts()).isZero();
    }

    @Test
    void stateIsBoundedPerAccountAndInAccounts() {
        SemanticSignal signal = new SemanticSignal(reference, SemanticConfig.DEFAULTS.withMaxAccounts(50));
        for (int i = 0; i < 500; i++) {
            signal.observe(event("heavy", T0 + i).embedding(campaign.get(i % campaign.size())).build(), "ent_heavy");
        }
        SemanticProfile heavy = signal.profileOf("heavy");
        byte[] bytes = heavy.toBytes();
        assertThat(bytes.length).isLessThanOrEqualTo(SemanticProfile.MAX_BYTES);
        assertThat(heavy.window().size()).isEqualTo(28);
        SemanticProfile copy = SemanticProfile.fromBytes(bytes);
        assertThat(copy.window().seen()).isEqualTo(500);
        assertThat(copy.coverage().updates()).isEqualTo(500);
        assertThat(copy.toBytes()).isEqualTo(bytes);

        for (int a = 0; a < 80; a++) {
            signal.observe(event("acct" + a, T0 + 1000 + a).embedding(benign.get(a % benign.size())).build(), "e" + a);
        }
        assertThat(signal.trackedAccounts()).isEqualTo(50);
        assertThat(signal.profileOf("heavy")).isNull();
        assertThat(signal.profileOf("acct29")).isNull();
        assertThat(signal.profileOf("acct30")).isNotNull();
        assertThat(signal.profileOf("acct79")).isNotNull();
        signal.observe(event("alien", T0).embedding(new byte[768]).build(), "ent_alien");
        assertThat(signal.ignoredEmbeddings()).isEqualTo(1);
    }

    @Test
    void sameEventsGiveTheSameScoresOnReplay() {
        List<UsageEvent> mixed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            mixed.add(event("mixed", T0 + i * 2000L).embedding(campaign.get(i)).build());
            mixed.add(event("mixed", T0 + i * 2000L + 1000).embedding(benign.get(i)).build());
        }
        SemanticSignal first = new SemanticSignal(reference, SemanticConfig.DEFAULTS);
        SemanticSignal second = new SemanticSignal(reference, SemanticConfig.DEFAULTS);
        SignalScore a = feedAndScore(first, new SignalFixture(), mixed, "mixed");
        SignalScore b = feedAndScore(second, new SignalFixture(), mixed, "mixed");
        assertThat(a).isEqualTo(b);
        SignalFixture again = new SignalFixture();
        again.addAll(mixed);
        assertThat(first.score(again.view("mixed"))).isEqualTo(a);
        System.out.println("half campaign, half benign: " + a.explanation());
    }

    @Test
    void engineWithSemanticSignalCarriesItIntoTheRisk() {
        List<Signal> signals = Signals.withSemantic(reference);
        assertThat(signals).hasSize(Signals.defaults().size() + 1);
        assertThat(signals.getLast().name()).isEqualTo("semantic");
        Map<String, RiskScore> risks = new HashMap<>();
        AlertSink sink = new AlertSink() {
            @Override
            public void onAlert(Alert alert) {
            }

            @Override
            public void onRiskScore(RiskScore score) {
                risks.put(score.entityId(), score);
            }
        };
        DetectionConfig config = DetectionConfig.defaults();
        DetectionEngine engine = new DetectionEngine(config, TestEvents::account, signals, sink, new VirtualClock(T0),
                new InMemoryStateStore<>(), new InMemoryStateStore<>(), new AccountLinker(config.link()));
        List<UsageEvent> events = events("distiller", campaign, T0);
        events.forEach(engine::onEvent);
        engine.flush(events.getLast().timestampMs());
        String entity = engine.resolver().entityOf("distiller");
        SignalScore semantic = engine.riskOf(entity).signal("semantic").reading();
        assertThat(semantic.score()).isGreaterThan(0.9);
    }
}
