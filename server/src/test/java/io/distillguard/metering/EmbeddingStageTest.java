package io.distillguard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.event.Endpoint;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageSource;
import io.distillguard.feature.FeatureConfig;
import io.distillguard.feature.PromptFeatureExtractor;
import io.distillguard.feature.PromptMessage;
import io.distillguard.semantic.BenignReferenceLoader;
import io.distillguard.semantic.EmbeddingSampler;
import io.distillguard.semantic.Int8Vectors;
import io.distillguard.semantic.MiniLmEmbedder;
import io.distillguard.semantic.PromptEmbedder;
import io.distillguard.semantic.SamplerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The metering worker with an {@link EmbeddingStage}, on real ShareGPT prompts and the real MiniLM embedder. */
class EmbeddingStageTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private static final RequestParams PARAMS = new RequestParams(1, 0.7, null, 1024, false, 0, 0, 0, null, true,
            null, null);
    private static final PromptFeatureExtractor EXTRACTOR = new PromptFeatureExtractor(FeatureConfig.DEFAULTS,
            Optional.empty());
    private static MiniLmEmbedder miniLm;
    private static List<String> prompts;

    @BeforeAll
    static void load() throws IOException {
        miniLm = new MiniLmEmbedder();
        Path file = Path.of(System.getProperty("distillguard.shared", "../shared"), "data", "prompts", "sharegpt",
                "sharegpt_conversations_700.jsonl");
        ObjectMapper json = new ObjectMapper();
        prompts = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            for (JsonNode turn : json.readTree(line).get("conversations")) {
                if ("human".equals(turn.path("from").asText()) && !turn.path("value").asText().isBlank()) {
                    prompts.add(turn.get("value").asText());
                    break;
                }
            }
            if (prompts.size() == 60) {
                break;
            }
        }
    }

    private static MeteringRecord record(int i, String account) {
        PromptText prompt = new PromptText(List.of(PromptMessage.user(prompts.get(i % prompts.size()))), true, 0);
        return new MeteringRecord("req_" + i, CLOCK.millis(), "org_" + account, account, "key_" + account,
                "ent_" + account, "127.0.0.1", null, "test", "model-a", Endpoint.CHAT_COMPLETIONS, PARAMS, prompt,
                new MeteredUsage(100, 200, UsageSource.UPSTREAM), 200, null, 50, -1, false, null);
    }

    @Test
    void embedsTheSampledShareOnlyOnTheWorkerThread() {
        SamplerConfig sampling = new SamplerConfig(3, 0.25, 1000, 1024, 7);
        List<String> creatorThreads = new CopyOnWriteArrayList<>();
        EmbeddingStage stage = new EmbeddingStage(new EmbeddingSampler(sampling, CLOCK), () -> {
            creatorThreads.add(Thread.currentThread().getName());
            return miniLm;
        });
        Map<String, UsageEvent> events = new ConcurrentHashMap<>();
        MeteringPipeline pipeline = new MeteringPipeline(1000, EXTRACTOR::extract, stage,
                List.of(e -> events.put(e.requestId(), e)));
        EmbeddingSampler twin = new EmbeddingSampler(sampling, CLOCK);
        List<Boolean> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            MeteringRecord r = record(i, i % 2 == 0 ? "acct_a" : "acct_b");
            expected.add(twin.decide(r.accountId(), r.requestId()).embed());
            pipeline.submit(r);
        }
        pipeline.close();

        assertThat(events).hasSize(60);
        assertThat(creatorThreads).containsExactly("distillguard-metering");
        int embedded = 0;
        for (int i = 0; i < 60; i++) {
            byte[] v = events.get("req_" + i).prompt().embedding();
            assertThat(v != null).as("req_%d embedded", i).isEqualTo(expected.get(i));
            if (v != null) {
                embedded++;
                assertThat(v).hasSize(MiniLmEmbedder.DIMENSIONS);
                byte[] direct = miniLm.embed(BenignReferenceLoader.embeddedText(
                        List.of(PromptMessage.user(prompts.get(i)))));
                assertThat(Int8Vectors.cosine(v, direct)).isGreaterThan(0.999);
            }
        }
        // 6 first events (3 per account) plus about a quarter of the other 54.
        assertThat(embedded).isEqualTo((int) stage.embedded()).isBetween(12, 26);
        assertThat(stage.skipped()).isEqualTo(60 - embedded);
        assertThat(events.get("req_0").prompt().contentHash())
                .isEqualTo(EXTRACTOR.extract(record(0, "acct_a").prompt().messages()).contentHash());
    }

    @Test
    void aSlowEmbedderNeverBlocksTheCaller() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        PromptEmbedder stalled = new PromptEmbedder() {
            @Override
            public int dimensions() {
                return miniLm.dimensions();
            }

            @Override
            public byte[] embed(String text) {
                calls.incrementAndGet();
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return miniLm.embed(text);
            }
        };
        EmbeddingStage stage = new EmbeddingStage(
                new EmbeddingSampler(new SamplerConfig(1000, 0, 1000, 1024, 7), CLOCK), () -> stalled);
        List<UsageEvent> events = new CopyOnWriteArrayList<>();
        MeteringPipeline pipeline = new MeteringPipeline(1000, EXTRACTOR::extract, stage, List.of(events::add));
        pipeline.submit(record(0, "acct"));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 40; i++) {
            pipeline.submit(record(i, "acct"));
        }
        // Every submit returned while the worker is still inside the first embedding.
        assertThat(pipeline.submitted()).isEqualTo(41);
        assertThat(pipeline.processed()).isZero();
        assertThat(pipeline.backlog()).isEqualTo(40);
        assertThat(calls.get()).isEqualTo(1);
        release.countDown();
        pipeline.close();
        assertThat(events).hasSize(41).allSatisfy(e -> assertThat(e.prompt().embedding()).hasSize(384));
        assertThat(stage.embedded()).isEqualTo(41);
    }

    @Test
    void anEmbedderThatCannotLoadSwitchesEmbeddingOff() {
        EmbeddingStage stage = new EmbeddingStage(new EmbeddingSampler(SamplerConfig.DEFAULTS, CLOCK), () -> {
            throw new IllegalStateException("model file missing");
        });
        List<UsageEvent> events = new CopyOnWriteArrayList<>();
        MeteringPipeline pipeline = new MeteringPipeline(1000, EXTRACTOR::extract, stage, List.of(events::add));
        for (int i = 0; i < 5; i++) {
            pipeline.submit(record(i, "acct"));
        }
        pipeline.close();
        assertThat(events).hasSize(5).allSatisfy(e -> {
            assertThat(e.prompt().embedding()).isNull();
            assertThat(e.prompt().chars()).isPositive();
        });
        assertThat(stage.failures()).isEqualTo(1);
        assertThat(stage.skipped()).isEqualTo(4);
    }
}
