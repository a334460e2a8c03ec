package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.distillguard.registry.Tier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java SDK, pointed at the gateway, works as it does against OpenAI. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiSdkThroughGatewayTest {
    @TempDir
    static Path dataDir;
    GatewayFixture gw;
    OpenAIClient client;
    String key;

    @BeforeAll
    void start() throws Exception {
        gw = GatewayFixture.start(dataDir);
        key = gw.newKey();
        client = gw.client(key);
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    private static ChatCompletionCreateParams.Builder chat(String text) {
        return ChatCompletionCreateParams.builder().model("sim-small").addUserMessage(text).maxCompletionTokens(40);
    }

    @Test
    void chatCompletion() {
        ChatCompletion c = client.chat().completions().create(chat("Explain photosynthesis briefly.").build());
        assertThat(c.choices()).hasSize(1);
        assertThat(c.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
        assertThat(c.usage()).hasValueSatisfying(u -> {
            assertThat(u.promptTokens()).isPositive();
            assertThat(u.completionTokens()).isBetween(1L, 40L);
        });
    }

    @Test
    void streamingChatWithoutIncludeUsageGetsNoUsageChunk() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions()
                .createStreaming(chat("Tell me about rivers.").build())) {
            s.stream().forEach(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        chunks.forEach(ch -> ch.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
        assertThat(text).isNotEmpty();
        assertThat(chunks).noneMatch(ch -> ch.usage().isPresent());
        assertThat(chunks).allMatch(ch -> !ch.choices().isEmpty());
    }

    @Test
    void streamingChatWithIncludeUsageKeepsIt() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(
                chat("Tell me about lakes.").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            s.stream().forEach(chunks::add);
        }
        assertThat(chunks).filteredOn(ch -> ch.usage().isPresent()).hasSize(1);
    }

    @Test
    void embeddings() {
        CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("sim-embedding").input("The quick brown fox").build());
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).embedding()).isNotEmpty();
        assertThat(r.usage().promptTokens()).isPositive();
    }

    @Test
    void responsesPlainAndStreaming() {
        Response r = client.responses().create(ResponseCreateParams.builder().model("sim-small")
                .input("Name three colours.").maxOutputTokens(30L).build());
        assertThat(r.usage()).hasValueSatisfying(u -> assertThat(u.outputTokens()).isPositive());
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(ResponseCreateParams.builder()
                .model("sim-small").input("Name three shapes.").maxOutputTokens(30L).build())) {
            s.stream().forEach(events::add);
        }
        assertThat(events).anyMatch(ResponseStreamEvent::isOutputTextDelta);
        assertThat(events).anyMatch(e -> e.isCompleted() || e.isIncomplete());
    }

    @Test
    void badKeyIsAnAuthenticationError() {
        OpenAIClient bad = gw.client("sk-dg-nosuchkey-0123456789abcdefghijklmnopqrstuv");
        assertThatThrownBy(() -> bad.chat().completions().create(chat("hi").build()))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("Incorrect API key provided");
    }

    @Test
    void exhaustedQuotaIsARateLimitErrorWithOpenAiHeaders() {
        String tight = gw.newKey(new Tier("tight-rpm", 2, 1_000_000, 1_000_000, 1_000_000, 4096));
        OpenAIClient c = gw.client(tight);
        c.chat().completions().create(chat("one").build());
        c.chat().completions().create(chat("two").build());
        assertThatThrownBy(() -> c.chat().completions().create(chat("three").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("x-ratelimit-limit-requests")).containsExactly("2");
                    assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
                    assertThat(e.headers().values("x-ratelimit-reset-requests")).isNotEmpty();
                    assertThat(e.getMessage()).contains("requests per min (RPM)").contains("Limit 2");
                });
    }

    @Test
    void revokedKeyStopsWorkingAtOnce() {
        String k = gw.newKey();
        OpenAIClient c = gw.client(k);
        c.chat().completions().create(chat("hi").build());
        String keyId = gw.app.registry().authenticate(k) instanceof io.distillguard.registry.AuthResult.Authenticated a
                ? a.principal().key().id() : null;
        gw.app.registry().revokeKey(keyId).orElseThrow();
        assertThatThrownBy(() -> c.chat().completions().create(chat("again").build()))
                .isInstanceOf(UnauthorizedException.class);
    }
}
