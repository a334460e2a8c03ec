package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.distillguard.app.DistillGuardApp;
import io.distillguard.config.GatewayConfig;
import io.distillguard.config.MeteringConfig;
import io.distillguard.config.ServerConfig;
import io.distillguard.config.UpstreamConfig;
import io.distillguard.config.WatermarkSettings;
import io.distillguard.evidence.ReplayUpstream;
import io.distillguard.forensics.DetectionReport;
import io.distillguard.forensics.WatermarkDetector;
import io.distillguard.registry.NewAccount;
import io.distillguard.watermark.LexicalWatermarker;
import io.distillguard.watermark.SynonymTable;
import io.distillguard.watermark.WatermarkConfig;
import io.distillguard.watermark.WatermarkKey;
import io.distillguard.watermark.WatermarkRequest;
import io.distillguard.watermark.WatermarkScope;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's watermark filter, seen through the official OpenAI SDK: two gateways (watermark on and off) in front
 * of one replay upstream that answers with real Alpaca outputs, one customer whose account is entity "acme".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatermarkThroughGatewayTest {
    private static final byte[] SECRET = "gateway-watermark-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final String ENTITY = "acme";
    private static final String CODE_PROMPT = "Show a loop in Java.";
    private static final String CODE_ANSWER = "Here is a large loop that will often run:\n```java\n"
            + "for (int big = 0; big < 9; big++) { select(big); } // however large\n```\nIt is often used.";
    @TempDir
    static Path dir;
    Vertx vertx;
    ReplayUpstream upstream;
    DistillGuardApp marked;
    DistillGuardApp plain;
    OpenAIClient markedClient;
    OpenAIClient plainClient;
    final Map<String, String> texts = new LinkedHashMap<>();
    LexicalWatermarker reference;

    @BeforeAll
    void start() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(Path.of(System.getProperty("distillguard.shared", "../shared"),
                "data", "prompts", "alpaca", "alpaca_5000.json").toFile());
        for (JsonNode row : rows) {
            if (texts.size() < 400 && row.path("input").asText("").isBlank()) {
                texts.putIfAbsent(row.get("instruction").asText(), row.get("output").asText());
            }
        }
        texts.put(CODE_PROMPT, CODE_ANSWER);
        vertx = Vertx.vertx();
        upstream = new ReplayUpstream(texts);
        int port = upstream.start(vertx, "127.0.0.1", 0).await();
        Path keyFile = Files.writeString(dir.resolve("wm.key"), HexFormat.of().formatHex(SECRET));
        WatermarkSettings on = new WatermarkSettings(true, keyFile.toString(), WatermarkSettings.Scope.ALL, 1.0);
        marked = gateway(port, "marked", on);
        plain = gateway(port, "plain", WatermarkSettings.defaults());
        markedClient = client(marked);
        plainClient = client(plain);
        reference = new LexicalWatermarker(new WatermarkConfig(WatermarkKey.global(SECRET), 1.0, WatermarkScope.PER_ENTITY));
    }

    private DistillGuardApp gateway(int upstreamPort, String name, WatermarkSettings watermark) throws Exception {
        GatewayConfig cfg = GatewayConfig.defaults().withServer(ServerConfig.defaults().withPorts(0, 0))
                .withUpstream(UpstreamConfig.defaults().withBaseUrl("http://127.0.0.1:" + upstreamPort + "/v1"))
                .withMetering(MeteringConfig.defaults().withDataDir(dir.resolve(name).toString()))
                .withWatermark(watermark);
        return DistillGuardApp.start(cfg, new DistillGuardApp.Options(Clock.systemUTC(), account -> ENTITY, List.of()));
    }

    private static OpenAIClient client(DistillGuardApp app) {
        app.registry().putTier(GatewayFixture.roomy("roomy")).orElseThrow();
        var org = app.registry().createOrg(null, "acme-org").orElseThrow();
        var account = app.registry().createAccount(new NewAccount(null, org.id(), "roomy", "acme.example", null, null,
                "web", false)).orElseThrow();
        String key = app.registry().createKey(account.id(), "test").orElseThrow().secret();
        return OpenAIOkHttpClient.builder().baseUrl(app.baseUrl()).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    void stop() {
        marked.close();
        plain.close();
        upstream.close();
        vertx.close().await();
    }

    private static ChatCompletionCreateParams chat(String prompt) {
        return ChatCompletionCreateParams.builder().model("teacher").addUserMessage(prompt).build();
    }

    private static String content(OpenAIClient client, ChatCompletionCreateParams params) {
        return client.chat().completions().create(params).choices().getFirst().message().content().orElseThrow();
    }

    private static String streamed(OpenAIClient client, ChatCompletionCreateParams params) {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(ch -> ch.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        }
        return text.toString();
    }

    @Test
    void plainAndStreamedAnswersCarryTheEntitysSubKey() {
        List<String> prompts = new ArrayList<>(texts.keySet()).subList(0, 400);
        List<String> answers = new ArrayList<>();
        int changed = 0;
        for (int i = 0; i < prompts.size(); i++) {
            String prompt = prompts.get(i);
            String whole = reference.apply(texts.get(prompt), new WatermarkRequest(ENTITY, prompt, false));
            String answer = i % 2 == 0 ? content(markedClient, chat(prompt)) : streamed(markedClient, chat(prompt));
            assertThat(answer).as("gateway answer (%s) = whole-text watermark", i % 2 == 0 ? "plain" : "stream")
                    .isEqualTo(whole);
            changed += answer.equals(texts.get(prompt)) ? 0 : 1;
            answers.add(answer);
        }
        assertThat(changed).isGreaterThan(prompts.size() / 10);
        WatermarkKey global = WatermarkKey.global(SECRET);
        DetectionReport report = new WatermarkDetector(SynonymTable.standard(), 1.0).test(answers,
                List.of(global.forEntity(ENTITY), global.forEntity("globex"), global));
        assertThat(report.results().getFirst().pValue()).isLessThan(1e-12);
        assertThat(report.strongest().keyId()).isEqualTo("entity:" + ENTITY);
        assertThat(report.results().subList(1, 3)).allSatisfy(r -> assertThat(r.holmAdjustedPValue()).isGreaterThan(1e-3));
    }

    @Test
    void codeBlocksAndJsonResponsesAreUntouched() {
        String answer = content(markedClient, chat(CODE_PROMPT));
        assertThat(answer).contains("for (int big = 0; big < 9; big++) { select(big); } // however large");
        assertThat(answer).isEqualTo(reference.apply(CODE_ANSWER, new WatermarkRequest(ENTITY, CODE_PROMPT, false)));
        String prompt = texts.keySet().iterator().next();
        ChatCompletionCreateParams json = ChatCompletionCreateParams.builder().model("teacher").addUserMessage(prompt)
                .responseFormat(ResponseFormatJsonObject.builder().build()).build();
        assertThat(content(markedClient, json)).isEqualTo(texts.get(prompt));
        assertThat(streamed(markedClient, json)).isEqualTo(texts.get(prompt));
    }

    @Test
    void watermarkOffLeavesTheUpstreamTextAsItIs() {
        for (String prompt : new ArrayList<>(texts.keySet()).subList(0, 40)) {
            assertThat(content(plainClient, chat(prompt))).isEqualTo(texts.get(prompt));
            assertThat(streamed(plainClient, chat(prompt))).isEqualTo(texts.get(prompt));
        }
    }
}
