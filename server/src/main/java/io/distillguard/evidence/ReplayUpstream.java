package io.distillguard.evidence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OpenAI-compatible model API for the experiment: {@code POST /v1/chat/completions} answers the last user
 * message with the teacher's real response to that prompt (whole or streamed word by word), so that whatever the
 * gateway in front of it does to the text, its watermark included, is what the distiller receives.
 */
public final class ReplayUpstream implements AutoCloseable {
    private static final Pattern PIECE = Pattern.compile("\\s*\\S+|\\s+");

    private final Map<String, String> responses;
    private HttpServer server;

    public ReplayUpstream(Map<String, String> responses) {
        this.responses = Map.copyOf(responses);
    }

    /** Listens on {@code host}:{@code port} (0 = any free port); completes with the bound port. */
    public Future<Integer> start(Vertx vertx, String host, int port) {
        server = vertx.createHttpServer().requestHandler(req -> {
            if (!req.path().equals("/v1/chat/completions")) {
                req.response().setStatusCode(404).end();
                return;
            }
            req.body().onSuccess(buf -> answer(buf.toJsonObject(), req.response()));
        });
        return server.listen(port, host).map(HttpServer::actualPort);
    }

    private void answer(JsonObject request, HttpServerResponse out) {
        String prompt = lastUserMessage(request.getJsonArray("messages", new JsonArray()));
        String text = responses.getOrDefault(prompt, "I have no recorded answer to that prompt.");
        String model = request.getString("model", "replay");
        int promptTokens = prompt.split("\\s+").length;
        int completionTokens = text.split("\\s+").length;
        JsonObject usage = new JsonObject().put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens).put("total_tokens", promptTokens + completionTokens);
        if (!request.getBoolean("stream", false)) {
            JsonObject message = new JsonObject().put("role", "assistant").put("content", text);
            out.putHeader("content-type", "application/json").end(new JsonObject().put("id", "chatcmpl-replay")
                    .put("object", "chat.completion").put("created", 0).put("model", model)
                    .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message)
                            .put("finish_reason", "stop")))
                    .put("usage", usage).encode());
            return;
        }
        out.putHeader("content-type", "text/event-stream").setChunked(true);
        out.write(chunk(model, new JsonObject().put("role", "assistant").put("content", ""), null));
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            out.write(chunk(model, new JsonObject().put("content", m.group()), null));
        }
        out.write(chunk(model, new JsonObject(), "stop"));
        JsonObject options = request.getJsonObject("stream_options");
        if (options != null && options.getBoolean("include_usage", false)) {
            out.write("data: " + base(model).put("choices", new JsonArray()).put("usage", usage).encode() + "\n\n");
        }
        out.end("data: [DONE]\n\n");
    }

    private static String chunk(String model, JsonObject delta, String finishReason) {
        JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finishReason);
        return "data: " + base(model).put("choices", new JsonArray().add(choice)).encode() + "\n\n";
    }

    private static JsonObject base(String model) {
        return new JsonObject().put("id", "chatcmpl-replay").put("object", "chat.completion.chunk").put("created", 0)
                .put("model", model);
    }

    private static String lastUserMessage(JsonArray messages) {
        String last = "";
        for (Object m : messages) {
            if (m instanceof JsonObject message && "user".equals(message.getString("role"))
                    && message.getValue("content") instanceof String content) {
                last = content;
            }
        }
        return last;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().await();
        }
    }
}
