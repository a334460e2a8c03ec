package io.distillguard.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * POST /v1/responses: one assistant message answering {@code input} (+ {@code instructions}), capped by
 * max_output_tokens (then status "incomplete"); streamed as the real event sequence response.created,
 * response.in_progress, response.output_item.added, response.content_part.added, response.output_text.delta...,
 * response.output_text.done, response.content_part.done, response.output_item.done and response.completed (or
 * response.incomplete), each with its sequence_number. Logprobs when include has "message.output_text.logprobs".
 */
final class ResponsesHandler implements ApiHandler {

    private static final String LOGPROBS_INCLUDE = "message.output_text.logprobs";

    private final ApiContext api;

    ResponsesHandler(ApiContext api) {
        this.api = api;
    }

    private record ResponsesRequest(String model, Prompt prompt, String instructions, Integer maxOutputTokens,
                                    int topLogprobs, boolean logprobs, String effort, boolean stream) {
    }

    @Override
    public void handle(Exchange ex, JsonObject body) {
        switch (parse(body)) {
            case Parsed.Rejected<ResponsesRequest> r -> ex.reply(r.error());
            case Parsed.Ok<ResponsesRequest> ok -> answer(ex, ok.value());
        }
    }

    private Parsed<ResponsesRequest> parse(JsonObject body) {
        BodyReader in = new BodyReader(body);
        String model = in.requiredString("model");
        String instructions = in.optionalString("instructions");
        Integer maxOutput = in.optionalInt("max_output_tokens", 1, Integer.MAX_VALUE);
        Integer top = in.optionalInt("top_logprobs", 0, 20);
        JsonArray include = in.optionalArray("include");
        JsonObject reasoning = in.optionalObject("reasoning");
        in.optionalNumber("temperature", 0, 2);
        boolean stream = in.optionalBool("stream");
        if (in.failed()) {
            return Parsed.rejected(in.error());
        }
        if (api.config().model(model).isEmpty()) {
            return Parsed.rejected(ApiError.unknownModel(model));
        }
        boolean logprobs = include != null && include.contains(LOGPROBS_INCLUDE);
        String effort = reasoning == null ? null : reasoning.getValue("effort") instanceof String e ? e : null;
        return switch (Prompt.ofResponsesInput(body.getValue("input"), instructions, api.tokens())) {
            case Parsed.Rejected<Prompt> r -> Parsed.rejected(r.error());
            case Parsed.Ok<Prompt> p -> Parsed.ok(new ResponsesRequest(model, p.value(), instructions, maxOutput,
                    top == null ? 0 : top, logprobs, effort, stream));
        };
    }

    private void answer(Exchange ex, ResponsesRequest request) {
        GeneratedChoice choice = api.engine().generate(new GenerationRequest(request.prompt().text(), 1,
                request.maxOutputTokens(), request.logprobs(), request.topLogprobs(), null, false,
                request.effort())).getFirst();
        String id = api.newId("resp_");
        String itemId = api.newId("msg_");
        long created = api.created();
        String status = choice.truncated() ? "incomplete" : "completed";
        JsonObject usage = ex.fault().omitUsage() ? null : usage(request.prompt().tokens(), choice.outputTokens());
        JsonObject part = new JsonObject().put("type", "output_text").put("text", choice.text())
                .put("annotations", new JsonArray()).put("logprobs", outputLogprobs(choice.logprobs()));
        JsonObject item = message(itemId, status, new JsonArray().add(part));
        JsonObject done = response(request, id, created, status, new JsonArray().add(item), usage);
        if (choice.truncated()) {
            done.put("incomplete_details", new JsonObject().put("reason", "max_output_tokens"));
        }
        if (!request.stream()) {
            ex.replyJson(done, api.answerDelayMs(ex, request.prompt().tokens(), choice.outputTokens()));
            return;
        }
        Events events = new Events(new SseStream(ex).tick());
        JsonObject started = response(request, id, created, "in_progress", new JsonArray(), null);
        events.send("response.created", new JsonObject().put("response", started));
        events.send("response.in_progress", new JsonObject().put("response", started));
        events.send("response.output_item.added", new JsonObject().put("output_index", 0)
                .put("item", message(itemId, "in_progress", new JsonArray())));
        events.send("response.content_part.added", position(itemId).put("part", new JsonObject()
                .put("type", "output_text").put("text", "").put("annotations", new JsonArray())
                .put("logprobs", new JsonArray())));
        for (int t = 0; t < choice.tokens().size(); t++) {
            if (t > 0) {
                events.sse.tick();
            }
            JsonArray logprobs = choice.logprobs().isEmpty() ? new JsonArray()
                    : deltaLogprobs(List.of(choice.logprobs().get(t)));
            events.send("response.output_text.delta", position(itemId).put("delta", choice.tokens().get(t))
                    .put("logprobs", logprobs));
        }
        events.send("response.output_text.done", position(itemId).put("text", choice.text())
                .put("logprobs", deltaLogprobs(choice.logprobs())));
        events.send("response.content_part.done", position(itemId).put("part", part));
        events.send("response.output_item.done", new JsonObject().put("output_index", 0).put("item", item));
        events.send(choice.truncated() ? "response.incomplete" : "response.completed",
                new JsonObject().put("response", done));
        events.sse.start(api.ttftMs(ex, request.prompt().tokens()), api.interTokenMs(ex));
    }

    /** Numbers the events of one stream. */
    private static final class Events {
        private final SseStream sse;
        private int sequence;

        Events(SseStream sse) {
            this.sse = sse;
        }

        void send(String type, JsonObject event) {
            JsonObject json = new JsonObject().put("type", type).put("sequence_number", sequence++);
            json.mergeIn(event);
            sse.event(type, json);
        }
    }

    private static JsonObject position(String itemId) {
        return new JsonObject().put("item_id", itemId).put("output_index", 0).put("content_index", 0);
    }

    private static JsonObject message(String itemId, String status, JsonArray content) {
        return new JsonObject().put("id", itemId).put("type", "message").put("status", status)
                .put("role", "assistant").put("content", content);
    }

    private static JsonObject usage(int input, int output) {
        return new JsonObject().put("input_tokens", input)
                .put("input_tokens_details", new JsonObject().put("cached_tokens", 0).put("cache_write_tokens", 0))
                .put("output_tokens", output)
                .put("output_tokens_details", new JsonObject().put("reasoning_tokens", 0))
                .put("total_tokens", input + output);
    }

    private JsonObject response(ResponsesRequest request, String id, long created, String status, JsonArray output,
                                JsonObject usage) {
        return new JsonObject().put("id", id).put("object", "response").put("created_at", created)
                .put("status", status).put("background", false).put("error", null).put("incomplete_details", null)
                .put("instructions", request.instructions()).put("max_output_tokens", request.maxOutputTokens())
                .put("model", request.model()).put("output", output).put("parallel_tool_calls", true)
                .put("previous_response_id", null)
                .put("reasoning", new JsonObject().put("effort", request.effort()).put("summary", null))
                .put("service_tier", "default").put("store", false).put("temperature", 1.0)
                .put("text", new JsonObject().put("format", new JsonObject().put("type", "text")))
                .put("tool_choice", "auto").put("tools", new JsonArray()).put("top_logprobs", request.topLogprobs())
                .put("top_p", 1.0).put("truncation", "disabled").put("usage", usage).put("user", null)
                .put("metadata", new JsonObject());
    }

    /** Logprobs of an output_text part (with bytes). */
    private static JsonArray outputLogprobs(List<TokenLogprob> logprobs) {
        return Wire.chatLogprobs(logprobs);
    }

    /** Logprobs of delta / done events (token, logprob, top_logprobs without bytes). */
    private static JsonArray deltaLogprobs(List<TokenLogprob> logprobs) {
        JsonArray out = new JsonArray();
        for (TokenLogprob lp : logprobs) {
            JsonArray top = new JsonArray();
            lp.top().forEach(alt -> top.add(new JsonObject().put("token", alt.token()).put("logprob", alt.logprob())));
            out.add(new JsonObject().put("token", lp.token()).put("logprob", lp.logprob()).put("top_logprobs", top));
        }
        return out;
    }
}
