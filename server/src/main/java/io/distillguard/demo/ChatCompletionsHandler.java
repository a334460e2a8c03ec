package io.distillguard.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * POST /v1/chat/completions: n choices, max_tokens / max_completion_tokens with finish_reason "length", logprobs with
 * top_logprobs, logit_bias, reasoning_effort and a {@code reasoning_content} trace for reasoning models; streamed as
 * {@code chat.completion.chunk} events ending in {@code data: [DONE]}, with the usage chunk (empty choices) when
 * stream_options.include_usage is set.
 */
final class ChatCompletionsHandler implements ApiHandler {

    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");

    private final ApiContext api;

    ChatCompletionsHandler(ApiContext api) {
        this.api = api;
    }

    private record ChatRequest(String model, Prompt prompt, GenerationRequest generation, boolean stream,
                               boolean includeUsage) {
    }

    @Override
    public void handle(Exchange ex, JsonObject body) {
        switch (parse(body)) {
            case Parsed.Rejected<ChatRequest> r -> ex.reply(r.error());
            case Parsed.Ok<ChatRequest> ok -> answer(ex, ok.value());
        }
    }

    private Parsed<ChatRequest> parse(JsonObject body) {
        BodyReader in = new BodyReader(body);
        String modelId = in.requiredString("model");
        Integer n = in.optionalInt("n", 1, 128);
        Integer maxTokens = in.optionalInt("max_completion_tokens", 1, Integer.MAX_VALUE);
        if (maxTokens == null) {
            maxTokens = in.optionalInt("max_tokens", 1, Integer.MAX_VALUE);
        }
        boolean logprobs = in.optionalBool("logprobs");
        Integer top = in.optionalInt("top_logprobs", 0, 20);
        if (top != null && !logprobs) {
            in.fail("top_logprobs", "Invalid 'top_logprobs': 'logprobs' must be set to true when top_logprobs is used.");
        }
        var logitBias = in.logitBias();
        String effort = in.optionalString("reasoning_effort");
        if (effort != null && !EFFORTS.contains(effort)) {
            in.fail("reasoning_effort", "Invalid 'reasoning_effort': expected one of " + EFFORTS + ".");
        }
        in.optionalNumber("temperature", 0, 2);
        in.optionalNumber("top_p", 0, 1);
        boolean stream = in.optionalBool("stream");
        boolean includeUsage = in.includeUsage();
        if (in.failed()) {
            return Parsed.rejected(in.error());
        }
        var model = api.config().model(modelId);
        if (model.isEmpty()) {
            return Parsed.rejected(ApiError.unknownModel(modelId));
        }
        return switch (Prompt.ofMessages(body.getValue("messages"), api.tokens())) {
            case Parsed.Rejected<Prompt> r -> Parsed.rejected(r.error());
            case Parsed.Ok<Prompt> p -> Parsed.ok(new ChatRequest(modelId, p.value(),
                    new GenerationRequest(p.value().text(), n == null ? 1 : n, maxTokens, logprobs,
                            top == null ? 0 : top, logitBias, model.get().reasoning(), effort),
                    stream, includeUsage));
        };
    }

    private void answer(Exchange ex, ChatRequest request) {
        List<GeneratedChoice> choices = api.engine().generate(request.generation());
        String id = api.newId("chatcmpl-");
        long created = api.created();
        int promptTokens = request.prompt().tokens();
        if (request.stream()) {
            stream(ex, request, choices, id, created);
            return;
        }
        JsonArray out = new JsonArray();
        int completionTokens = 0;
        int reasoningTokens = 0;
        int longest = 0;
        for (GeneratedChoice c : choices) {
            JsonObject message = new JsonObject().put("role", "assistant").put("content", c.text())
                    .put("refusal", null).put("annotations", new JsonArray());
            if (c.reasoning() != null) {
                message.put("reasoning_content", c.reasoning());
            }
            out.add(new JsonObject().put("index", c.index()).put("message", message)
                    .put("logprobs", request.generation().logprobs()
                            ? new JsonObject().put("content", Wire.chatLogprobs(c.logprobs())).put("refusal", null)
                            : null)
                    .put("finish_reason", c.finishReason()));
            completionTokens += c.outputTokens();
            reasoningTokens += c.reasoningTokens().size();
            longest = Math.max(longest, c.outputTokens());
        }
        JsonObject body = new JsonObject().put("id", id).put("object", "chat.completion").put("created", created)
                .put("model", request.model()).put("choices", out).put("service_tier", "default")
                .put("system_fingerprint", Wire.SYSTEM_FINGERPRINT);
        if (!ex.fault().omitUsage()) {
            body.put("usage", Wire.usage(promptTokens, completionTokens, reasoningTokens));
        }
        ex.replyJson(body, api.answerDelayMs(ex, promptTokens, longest));
    }

    private void stream(Exchange ex, ChatRequest request, List<GeneratedChoice> choices, String id, long created) {
        boolean usageChunk = request.includeUsage() && !ex.fault().omitUsage();
        SseStream sse = new SseStream(ex).tick();
        for (GeneratedChoice c : choices) {
            sse.data(chunk(request, id, created, usageChunk, c.index(),
                    new JsonObject().put("role", "assistant").put("content", "").put("refusal", null), null, null));
        }
        int steps = choices.stream().mapToInt(GeneratedChoice::outputTokens).max().orElse(0);
        for (int step = 0; step < steps; step++) {
            if (step > 0) {
                sse.tick();
            }
            for (GeneratedChoice c : choices) {
                int reasoning = c.reasoningTokens().size();
                if (step < reasoning) {
                    sse.data(chunk(request, id, created, usageChunk, c.index(),
                            new JsonObject().put("reasoning_content", c.reasoningTokens().get(step)), null, null));
                } else if (step < c.outputTokens()) {
                    int t = step - reasoning;
                    JsonObject logprobs = request.generation().logprobs()
                            ? new JsonObject().put("content", Wire.chatLogprobs(List.of(c.logprobs().get(t))))
                                    .put("refusal", null)
                            : null;
                    sse.data(chunk(request, id, created, usageChunk, c.index(),
                            new JsonObject().put("content", c.tokens().get(t)), logprobs, null));
                }
            }
        }
        int completionTokens = 0;
        int reasoningTokens = 0;
        for (GeneratedChoice c : choices) {
            sse.data(chunk(request, id, created, usageChunk, c.index(), new JsonObject(), null, c.finishReason()));
            completionTokens += c.outputTokens();
            reasoningTokens += c.reasoningTokens().size();
        }
        if (usageChunk) {
            sse.data(header(request, id, created).put("choices", new JsonArray())
                    .put("usage", Wire.usage(request.prompt().tokens(), completionTokens, reasoningTokens)));
        }
        sse.done().start(api.ttftMs(ex, request.prompt().tokens()), api.interTokenMs(ex));
    }

    private JsonObject chunk(ChatRequest request, String id, long created, boolean usageChunk, int index,
                             JsonObject delta, JsonObject logprobs, String finishReason) {
        JsonObject chunk = header(request, id, created).put("choices", new JsonArray().add(new JsonObject()
                .put("index", index).put("delta", delta).put("logprobs", logprobs)
                .put("finish_reason", finishReason)));
        return usageChunk ? chunk.put("usage", null) : chunk;
    }

    private static JsonObject header(ChatRequest request, String id, long created) {
        return new JsonObject().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", request.model()).put("service_tier", "default")
                .put("system_fingerprint", Wire.SYSTEM_FINGERPRINT);
    }
}
