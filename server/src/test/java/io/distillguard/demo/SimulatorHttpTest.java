package io.distillguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's wire format and fault injection, read byte by byte over loopback HTTP. */
class SimulatorHttpTest {

    private static RunningSimulator sim;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sim = new RunningSimulator(SimulatorConfig.instant().withOutputLength(40, 0.3));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        sim.close();
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl().replace("/v1", "") + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(boolean stream, boolean includeUsage) {
        JsonObject body = new JsonObject().put("model", "sim-small").put("stream", stream)
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user")
                        .put("content", "Describe a mountain garden in spring.")));
        if (includeUsage) {
            body.put("stream_options", new JsonObject().put("include_usage", true));
        }
        return body.encode();
    }

    /** The SSE frames of a body, checking that each is exactly {@code data: ...} followed by a blank line. */
    private static List<String> frames(String body) {
        assertThat(body).endsWith("\n\n");
        List<String> frames = Arrays.asList(body.substring(0, body.length() - 2).split("\n\n", -1));
        assertThat(frames).allSatisfy(f -> assertThat(f).startsWith("data: ").doesNotContain("\n"));
        return frames.stream().map(f -> f.substring("data: ".length())).toList();
    }

    @Test
    void chatStreamIsFramedAsServerSentEventsEndingWithDone() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chat(true, true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        List<String> frames = frames(response.body());
        assertThat(frames.getLast()).isEqualTo("[DONE]");
        List<JsonObject> chunks = frames.subList(0, frames.size() - 1).stream().map(JsonObject::new).toList();
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.getString("object")).isEqualTo("chat.completion.chunk");
            assertThat(c.containsKey("usage")).isTrue();
        });
        JsonObject usageChunk = chunks.getLast();
        assertThat(usageChunk.getJsonArray("choices")).isEmpty();
        assertThat(usageChunk.getJsonObject("usage").getInteger("completion_tokens")).isPositive();
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.getValue("usage")).isNull());
    }

    @Test
    void responsesStreamNamesEachEventAndHasNoDoneMarker() throws Exception {
        String body = new JsonObject().put("model", "sim-small").put("input", "Tell me about rivers.")
                .put("stream", true).encode();
        String raw = post("/v1/responses", body).body();

        String[] events = raw.substring(0, raw.length() - 2).split("\n\n");
        for (int i = 0; i < events.length; i++) {
            String[] lines = events[i].split("\n");
            assertThat(lines).hasSize(2);
            String type = lines[0].substring("event: ".length());
            JsonObject data = new JsonObject(lines[1].substring("data: ".length()));
            assertThat(data.getString("type")).isEqualTo(type);
            assertThat(data.getInteger("sequence_number")).isEqualTo(i);
        }
        assertThat(raw).doesNotContain("[DONE]");
    }

    @Test
    void badRequestsGetOpenAiStyleErrors() throws Exception {
        assertError(post("/v1/chat/completions", "{not json"), 400, "invalid_request_error", null);
        assertError(post("/v1/chat/completions", "{\"model\":\"sim-small\"}"), 400, "invalid_request_error",
                "messages");
        assertError(post("/v1/chat/completions", new JsonObject(chat(false, false)).put("top_logprobs", 3).encode()),
                400, "invalid_request_error", "top_logprobs");
        assertError(post("/v1/chat/completions", new JsonObject(chat(false, false)).put("n", 0).encode()),
                400, "invalid_request_error", "n");
        assertError(post("/v1/chat/completions", new JsonObject(chat(false, false))
                .put("logit_bias", new JsonObject().put("abc", 5)).encode()), 400, "invalid_request_error",
                "logit_bias");
        assertError(post("/v1/embeddings", "{\"model\":\"sim-embedding\",\"input\":\"\"}"), 400,
                "invalid_request_error", "input");
        HttpResponse<String> unknownModel = post("/v1/chat/completions",
                new JsonObject(chat(false, false)).put("model", "gpt-nonexistent").encode());
        assertError(unknownModel, 404, "invalid_request_error", null);
        assertThat(new JsonObject(unknownModel.body()).getJsonObject("error").getString("code"))
                .isEqualTo("model_not_found");
        HttpResponse<String> unknownPath = post("/v1/images/generations", "{}");
        assertError(unknownPath, 404, "invalid_request_error", null);
        assertThat(unknownPath.body()).contains("Invalid URL (POST /v1/images/generations)");
        assertError(post("/v1/chat/completions", chat(false, false), "x-sim-fault", "explode"), 400,
                "invalid_request_error", null);
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String param) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo(type);
        assertThat(error.getString("message")).isNotBlank();
        assertThat(error.getString("param")).isEqualTo(param);
        assertThat(error.containsKey("code")).isTrue();
    }

    @Test
    void logitBiasIsAcceptedAndRaisesTheBiasedTokenAmongAlternatives() throws Exception {
        int tokenId = 99_999 % 150_000;
        String biased = sim.simulator.engine().tokens().decode(tokenId);
        JsonObject request = new JsonObject(chat(false, false)).put("logprobs", true).put("top_logprobs", 3)
                .put("logit_bias", new JsonObject().put(Integer.toString(tokenId), 20));
        JsonObject body = new JsonObject(post("/v1/chat/completions", request.encode()).body());

        JsonArray content = body.getJsonArray("choices").getJsonObject(0).getJsonObject("logprobs")
                .getJsonArray("content");
        assertThat(content.getJsonObject(0).getJsonArray("top_logprobs").stream()
                .map(t -> ((JsonObject) t).getString("token"))).contains(biased);
    }

    @Test
    void fault500AnswersAnUpstreamError() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chat(false, false), "x-sim-fault", "500");
        assertError(response, 500, "server_error", null);
    }

    @Test
    void noUsageFaultLeavesUsageOutOfBodiesAndStreams() throws Exception {
        String plain = post("/v1/chat/completions", chat(false, false), "x-sim-fault", "no-usage").body();
        assertThat(new JsonObject(plain).containsKey("usage")).isFalse();
        assertThat(new JsonObject(plain).getJsonArray("choices")).hasSize(1);

        List<String> frames = frames(post("/v1/chat/completions", chat(true, true), "x-sim-fault", "no-usage").body());
        assertThat(frames.getLast()).isEqualTo("[DONE]");
        assertThat(frames).noneMatch(f -> f.contains("\"usage\":{"));

        String responses = post("/v1/responses", "{\"model\":\"sim-small\",\"input\":\"hello world\"}",
                "x-sim-fault", "no-usage").body();
        assertThat(new JsonObject(responses).getValue("usage")).isNull();
        String embeddings = post("/v1/embeddings", "{\"model\":\"sim-small\",\"input\":\"hello\"}",
                "x-sim-fault", "no-usage").body();
        assertThat(new JsonObject(embeddings).containsKey("usage")).isFalse();
    }

    @Test
    void resetFaultClosesTheConnectionMidBodyAndMidStream() throws Exception {
        assertThatThrownBy(() -> post("/v1/chat/completions", chat(false, false), "x-sim-fault", "reset"))
                .isInstanceOf(IOException.class);
        long chunksBefore = sim.simulator.streamedChunks();
        assertThatThrownBy(() -> post("/v1/chat/completions", chat(true, false), "x-sim-fault", "reset"))
                .isInstanceOf(IOException.class);
        assertThat(sim.simulator.streamedChunks() - chunksBefore).as("chunks sent before the reset").isPositive();
        assertThat(post("/v1/chat/completions", chat(false, false)).statusCode()).as("server still serves")
                .isEqualTo(200);
    }

    @Test
    void legacyCompletionsBatchPromptsGetConsecutiveChoiceIndices() throws Exception {
        String body = new JsonObject().put("model", "sim-small").put("n", 2).put("max_tokens", 5)
                .put("prompt", new JsonArray().add("first prompt about cities").add("second prompt about music"))
                .encode();
        JsonObject completion = new JsonObject(post("/v1/completions", body).body());

        JsonArray choices = completion.getJsonArray("choices");
        assertThat(choices.stream().map(c -> ((JsonObject) c).getInteger("index"))).containsExactly(0, 1, 2, 3);
        assertThat(choices.stream().map(c -> ((JsonObject) c).getString("finish_reason"))).containsOnly("length");
        assertThat(completion.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(20);
    }
}
