package io.distillguard.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * POST /v1/completions, the legacy text API: a prompt string or a batch of prompt strings, n choices each, max_tokens,
 * logprobs (an integer: alternatives per token, 0 to 5) in the legacy shape, plain or streamed as
 * {@code text_completion} chunks ending in {@code data: [DONE]}.
 */
final class CompletionsHandler implements ApiHandler {

    private final ApiContext api;

    CompletionsHandler(ApiContext api) {
        this.api = api;
    }

    private record CompletionRequest(String model, List<String> prompts, int n, Integer maxTokens, Integer logprobs,
                                     Map<Integer, Integer> logitBias, boolean stream, boolean includeUsage) {
    }

    /** The choices of one prompt of the batch with their global indices. */
    private record Batch(int promptTokens, List<GeneratedChoice> choices, int firstIndex) {
    }

    @Override
    public void handle(Exchange ex, JsonObject body) {
        switch (parse(body)) {
            case Parsed.Rejected<CompletionRequest> r -> ex.reply(r.error());
            case Parsed.Ok<CompletionRequest> ok -> answer(ex, ok.value());
        }
    }

    private Parsed<CompletionRequest> parse(JsonObject body) {
        BodyReader in = new BodyReader(body);
        String model = in.requiredString("model");
        Integer n = in.optionalInt("n", 1, 128);
        Integer maxTokens = in.optionalInt("max_tokens", 1, Integer.MAX_VALUE);
        Integer logprobs = in.optionalInt("logprobs", 0, 5);
        var logitBias = in.logitBias();
        in.optionalNumber("temperature", 0, 2);
        boolean stream = in.optionalBool("stream");
        boolean includeUsage = in.includeUsage();
        List<String> prompts = new ArrayList<>();
        Object prompt = in.value("prompt");
        if (prompt instanceof String s) {
            prompts.add(s);
        } else if (prompt instanceof JsonArray array && !array.isEmpty()
                && array.stream().allMatch(p -> p instanceof String)) {
            array.forEach(p -> prompts.add((String) p));
        } else {
            in.fail("prompt", "Invalid 'prompt': expected a string or an array of strings.");
        }
        if (in.failed()) {
            return Parsed.rejected(in.error());
        }
        if (api.config().model(model).isEmpty()) {
            return Parsed.rejected(ApiError.unknownModel(model));
        }
        return Parsed.ok(new CompletionRequest(model, prompts, n == null ? 1 : n, maxTokens, logprobs, logitBias,
                stream, includeUsage));
    }

    private void answer(Exchange ex, CompletionRequest request) {
        List<Batch> batches = new ArrayList<>();
        int promptTokens = 0;
        int completionTokens = 0;
        int longest = 0;
        for (String prompt : request.prompts()) {
            var generation = new GenerationRequest(prompt, request.n(), request.maxTokens(),
                    request.logprobs() != null, request.logprobs() == null ? 0 : request.logprobs(),
                    request.logitBias(), false, null);
            List<GeneratedChoice> choices = api.engine().generate(generation);
            int tokens = api.tokens().count(prompt);
            batches.add(new Batch(tokens, choices, batches.size() * request.n()));
            promptTokens += tokens;
            for (GeneratedChoice c : choices) {
                completionTokens += c.outputTokens();
                longest = Math.max(longest, c.outputTokens());
            }
        }
        String id = api.newId("cmpl-");
        long created = api.created();
        JsonObject usage = ex.fault().omitUsage() ? null : Wire.usage(promptTokens, completionTokens, 0);
        if (request.stream()) {
            stream(ex, request, batches, id, created, request.includeUsage() ? usage : null, promptTokens);
            return;
        }
        JsonArray out = new JsonArray();
        for (Batch b : batches) {
            for (GeneratedChoice c : b.choices()) {
                out.add(choice(b.firstIndex() + c.index(), c.text(),
                        request.logprobs() == null ? null : Wire.legacyLogprobs(c.logprobs(), 0), c.finishReason()));
            }
        }
        JsonObject body = header(request, id, created).put("choices", out);
        if (usage != null) {
            body.put("usage", usage);
        }
        ex.replyJson(body, api.answerDelayMs(ex, promptTokens, longest));
    }

    private void stream(Exchange ex, CompletionRequest request, List<Batch> batches, String id, long created,
                        JsonObject usage, int promptTokens) {
        SseStream sse = new SseStream(ex).tick();
        int steps = batches.stream().flatMap(b -> b.choices().stream()).mapToInt(GeneratedChoice::outputTokens)
                .max().orElse(0);
        int[] offsets = new int[batches.size() * request.n()];
        for (int step = 0; step < steps; step++) {
            if (step > 0) {
                sse.tick();
            }
            for (Batch b : batches) {
                for (GeneratedChoice c : b.choices()) {
                    if (step < c.tokens().size()) {
                        int index = b.firstIndex() + c.index();
                        String token = c.tokens().get(step);
                        JsonObject logprobs = request.logprobs() == null ? null
                                : Wire.legacyLogprobs(List.of(c.logprobs().get(step)), offsets[index]);
                        offsets[index] += token.length();
                        sse.data(header(request, id, created)
                                .put("choices", new JsonArray().add(choice(index, token, logprobs, null))));
                    }
                }
            }
        }
        for (Batch b : batches) {
            for (GeneratedChoice c : b.choices()) {
                sse.data(header(request, id, created).put("choices",
                        new JsonArray().add(choice(b.firstIndex() + c.index(), "", null, c.finishReason()))));
            }
        }
        if (usage != null) {
            sse.data(header(request, id, created).put("choices", new JsonArray()).put("usage", usage));
        }
        sse.done().start(api.ttftMs(ex, promptTokens), api.interTokenMs(ex));
    }

    private static JsonObject choice(int index, String text, JsonObject logprobs, String finishReason) {
        return new JsonObject().put("text", text).put("index", index).put("logprobs", logprobs)
                .put("finish_reason", finishReason);
    }

    private static JsonObject header(CompletionRequest request, String id, long created) {
        return new JsonObject().put("id", id).put("object", "text_completion").put("created", created)
                .put("model", request.model()).put("system_fingerprint", Wire.SYSTEM_FINGERPRINT);
    }
}
