package io.distillguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, with strict response validation, against the simulator on loopback. */
class OpenAiSdkCompatibilityTest {

    private static final String PROMPT = "Explain how a river shapes the valley it flows through.";

    private static RunningSimulator sim;
    private static OpenAIClient client;
    private static OpenAIClient lenient;
    private static TokenCounter tokens;

    @BeforeAll
    static void start() {
        sim = new RunningSimulator(SimulatorConfig.instant().withOutputLength(60, 0.5));
        client = OpenAIOkHttpClient.builder().baseUrl(sim.baseUrl()).apiKey("sk-sim").responseValidation(true)
                .maxRetries(0).build();
        lenient = OpenAIOkHttpClient.builder().baseUrl(sim.baseUrl()).apiKey("sk-sim").maxRetries(0).build();
        tokens = sim.simulator.engine().tokens();
    }

    @AfterAll
    static void stop() {
        client.close();
        lenient.close();
        sim.close();
    }

    private static ChatCompletionCreateParams.Builder chat() {
        return ChatCompletionCreateParams.builder().model("sim-large")
                .addSystemMessage("You are a helpful assistant.").addUserMessage(PROMPT);
    }

    @Test
    void chatCompletionUsageMatchesTheReturnedText() {
        ChatCompletion completion = client.chat().completions().create(chat().build());

        String text = completion.choices().getFirst().message().content().orElseThrow();
        assertThat(text).contains(" ").matches("(?s)[\\x00-\\x7F]+");
        assertThat(completion.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        var usage = completion.usage().orElseThrow();
        assertThat(usage.completionTokens()).isEqualTo(tokens.count(text));
        int perMessage = 3;
        int replyPriming = 3;
        int expectedPrompt = perMessage + tokens.count("system") + tokens.count("You are a helpful assistant.")
                + perMessage + tokens.count("user") + tokens.count(PROMPT) + replyPriming;
        assertThat(usage.promptTokens()).isEqualTo(expectedPrompt);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }

    @Test
    void maxTokensCutsTheAnswerWithFinishReasonLength() {
        ChatCompletion completion = client.chat().completions().create(chat().maxCompletionTokens(7).build());

        var choice = completion.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(tokens.count(choice.message().content().orElseThrow())).isEqualTo(7);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(7);
    }

    @Test
    void threeChoicesWithLogprobsAndTopLogprobs() {
        ChatCompletion completion = client.chat().completions().create(
                chat().n(3).logprobs(true).topLogprobs(4).maxCompletionTokens(60).build());

        assertThat(completion.choices()).hasSize(3).extracting(ChatCompletion.Choice::index)
                .containsExactly(0L, 1L, 2L);
        assertThat(completion.choices().stream().map(c -> c.message().content().orElseThrow()).distinct())
                .as("choices differ").hasSize(3);
        long sum = 0;
        for (ChatCompletion.Choice choice : completion.choices()) {
            String text = choice.message().content().orElseThrow();
            List<ChatCompletionTokenLogprob> logprobs = choice.logprobs().orElseThrow().content().orElseThrow();
            assertThat(String.join("", logprobs.stream().map(ChatCompletionTokenLogprob::token).toList()))
                    .isEqualTo(text);
            assertThat(logprobs).hasSize(tokens.count(text));
            for (ChatCompletionTokenLogprob lp : logprobs) {
                assertThat(lp.logprob()).isLessThanOrEqualTo(0.0);
                assertThat(lp.topLogprobs()).hasSize(4);
                assertThat(lp.topLogprobs()).extracting(ChatCompletionTokenLogprob.TopLogprob::token)
                        .contains(lp.token()).doesNotHaveDuplicates();
                double mass = lp.topLogprobs().stream().mapToDouble(t -> Math.exp(t.logprob())).sum();
                assertThat(mass).isLessThanOrEqualTo(1.0 + 1e-9);
                assertThat(lp.bytes().orElseThrow()).hasSize(lp.token().getBytes().length);
            }
            sum += tokens.count(text);
        }
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(sum);
    }

    @Test
    void streamingWithIncludeUsageEndsWithAUsageChunkWithoutChoices() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }

        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        StringBuilder text = new StringBuilder();
        chunks.subList(0, chunks.size() - 1).forEach(c -> {
            assertThat(c.usage()).isEmpty();
            c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append));
        });
        assertThat(chunks.get(chunks.size() - 2).choices().getFirst().finishReason())
                .contains(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(chunks.getFirst().choices().getFirst().delta().role()).isPresent();
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(tokens.count(text.toString()))
                .isPositive();
        assertThat(chunks.stream().map(ChatCompletionChunk::id).distinct()).hasSize(1);
    }

    @Test
    void streamingWithoutIncludeUsageHasNoUsageAndTheSameTextAsThePlainAnswer() {
        String plain = client.chat().completions().create(chat().build())
                .choices().getFirst().message().content().orElseThrow();
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                chat().build())) {
            stream.stream().forEach(c -> {
                chunks.add(c);
                c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append));
            });
        }
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.usage()).isEmpty();
            assertThat(c.choices()).hasSize(1);
        });
        assertThat(text.toString()).isEqualTo(plain);
    }

    @Test
    void reasoningModelsReturnAReasoningTraceCountedAsReasoningTokens() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("sim-reasoner").addUserMessage(PROMPT)
                .reasoningEffort(com.openai.models.ReasoningEffort.LOW).build());

        var message = completion.choices().getFirst().message();
        String reasoning = (String) message._additionalProperties().get("reasoning_content").asString().orElseThrow();
        var usage = completion.usage().orElseThrow();
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens())
                .contains((long) tokens.count(reasoning));
        assertThat(usage.completionTokens())
                .isEqualTo(tokens.count(reasoning) + tokens.count(message.content().orElseThrow()));
    }

    @Test
    void legacyCompletionsWithLogprobsPlainAndStreamed() {
        CompletionCreateParams params = CompletionCreateParams.builder().model("sim-small")
                .prompt("Write about the history of music").maxTokens(40).logprobs(2).build();
        Completion completion = client.completions().create(params);

        var choice = completion.choices().getFirst();
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(tokens.count(choice.text()));
        assertThat(completion.usage().orElseThrow().promptTokens())
                .isEqualTo(tokens.count("Write about the history of music"));
        var logprobs = choice.logprobs().orElseThrow();
        assertThat(String.join("", logprobs.tokens().orElseThrow())).isEqualTo(choice.text());
        assertThat(logprobs.textOffset().orElseThrow().getFirst()).isZero();

        // Streamed legacy chunks carry "finish_reason": null until the last one, as OpenAI sends them; the SDK's
        // strict validation rejects that null, so the stream is read with the SDK's default (lenient) client.
        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<Completion> stream = lenient.completions().createStreaming(params)) {
            stream.stream().forEach(c -> c.choices().forEach(ch -> streamed.append(ch.text())));
        }
        assertThat(streamed.toString()).isEqualTo(choice.text());
    }

    @Test
    void embeddingsAreDeterministicUnitVectorsOfTheAskedDimensions() {
        EmbeddingCreateParams params = EmbeddingCreateParams.builder().model("sim-embedding")
                .input("the quick brown fox").dimensions(256).build();
        CreateEmbeddingResponse first = client.embeddings().create(params);
        CreateEmbeddingResponse again = client.embeddings().create(params);
        CreateEmbeddingResponse floats = client.embeddings().create(params.toBuilder()
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        List<Float> v = first.data().getFirst().embedding();
        assertThat(v).hasSize(256);
        assertThat(v.stream().mapToDouble(f -> f * f).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(again.data().getFirst().embedding()).isEqualTo(v);
        assertThat(floats.data().getFirst().embedding()).isEqualTo(v);
        assertThat(first.usage().promptTokens()).isEqualTo(tokens.count("the quick brown fox"));
    }

    @Test
    void responsesPlain() {
        Response response = client.responses().create(ResponseCreateParams.builder().model("sim-large")
                .instructions("Answer briefly.").input(PROMPT).build());

        String text = response.output().getFirst().message().orElseThrow().content().getFirst().outputText()
                .orElseThrow().text();
        var usage = response.usage().orElseThrow();
        assertThat(usage.outputTokens()).isEqualTo(tokens.count(text));
        assertThat(usage.inputTokens()).isEqualTo(tokens.countMessages(List.of(
                new TokenCounter.Message("developer", null, "Answer briefly."),
                new TokenCounter.Message("user", null, PROMPT))));
        assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
    }

    @Test
    void responsesStreamedInTheRealEventOrder() {
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("sim-large").input(PROMPT).build())) {
            stream.stream().forEach(events::add);
        }

        List<String> kinds = events.stream().map(OpenAiSdkCompatibilityTest::kind).toList();
        assertThat(kinds.subList(0, 4)).containsExactly("created", "in_progress", "output_item.added",
                "content_part.added");
        assertThat(kinds.subList(kinds.size() - 4, kinds.size())).containsExactly("output_text.done",
                "content_part.done", "output_item.done", "completed");
        assertThat(kinds.subList(4, kinds.size() - 4)).isNotEmpty().allMatch("output_text.delta"::equals);
        StringBuilder text = new StringBuilder();
        events.forEach(e -> e.outputTextDelta().ifPresent(d -> text.append(d.delta())));
        Response done = events.getLast().completed().orElseThrow().response();
        assertThat(events.get(events.size() - 4).outputTextDone().orElseThrow().text()).isEqualTo(text.toString());
        assertThat(done.usage().orElseThrow().outputTokens()).isEqualTo(tokens.count(text.toString()));
        assertThat(events.getLast().completed().orElseThrow().sequenceNumber()).isEqualTo(events.size() - 1);
    }

    @Test
    void modelsAreListed() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).containsExactlyElementsOf(
                SimulatorConfig.DEFAULT_MODELS.stream().map(SimulatedModel::id).toList());
        assertThat(client.models().retrieve("sim-small").id()).isEqualTo("sim-small");
    }

    private static String kind(ResponseStreamEvent e) {
        return e.created().map(x -> "created")
                .or(() -> e.inProgress().map(x -> "in_progress"))
                .or(() -> e.outputItemAdded().map(x -> "output_item.added"))
                .or(() -> e.contentPartAdded().map(x -> "content_part.added"))
                .or(() -> e.outputTextDelta().map(x -> "output_text.delta"))
                .or(() -> e.outputTextDone().map(x -> "output_text.done"))
                .or(() -> e.contentPartDone().map(x -> "content_part.done"))
                .or(() -> e.outputItemDone().map(x -> "output_item.done"))
                .or(() -> e.completed().map(x -> "completed"))
                .or(() -> Optional.of("other")).orElseThrow();
    }
}
