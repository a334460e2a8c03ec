package io.distillguard.gateway;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * An error as the client sees it: OpenAI's {@code {"error": {message, type, param, code}}} body, the status from
 * {@link ApiError}, and any extra headers (retry-after, x-ratelimit-*). Immutable; never carries a stack trace.
 */
public record ErrorResponse(ApiError error, String message, String param, Map<String, String> headers) {

    public ErrorResponse(ApiError error, String message, String param) {
        this(error, message, param, Map.of());
    }

    public ErrorResponse withHeaders(Map<String, String> extra) {
        return new ErrorResponse(error, message, param, Map.copyOf(extra));
    }

    public int status() {
        return error.status();
    }

    /** The JSON body OpenAI clients parse. */
    public JsonObject body() {
        JsonObject inner = new JsonObject()
                .put("message", message)
                .put("type", error.type())
                .put("param", param)
                .put("code", error.code());
        return new JsonObject().put("error", inner);
    }
}
