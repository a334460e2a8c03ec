package io.distillguard.demo;

import io.vertx.core.json.JsonObject;

/**
 * An error answer in OpenAI's shape: {@code {"error": {"message", "type", "param", "code"}}} with its HTTP status.
 *
 * @param status  HTTP status
 * @param message human-readable message
 * @param type    error type (invalid_request_error, server_error)
 * @param param   offending request field, or null
 * @param code    machine-readable code, or null
 */
public record ApiError(int status, String message, String type, String param, String code) {

    /** 400 for a request the API cannot accept. */
    public static ApiError invalid(String param, String message) {
        return new ApiError(400, message, "invalid_request_error", param, null);
    }

    /** 404 for a model the simulator does not serve. */
    public static ApiError unknownModel(String model) {
        return new ApiError(404, "The model `" + model + "` does not exist or you do not have access to it.",
                "invalid_request_error", null, "model_not_found");
    }

    /** 404 for a path the API does not have (OpenAI answers a known path with the wrong method the same way). */
    public static ApiError unknownUrl(String method, String path) {
        return new ApiError(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null);
    }

    /** 500 the way the upstream reports its own failures (the x-sim-fault: 500 answer). */
    public static ApiError upstreamFailure() {
        return new ApiError(500, "The server had an error while processing your request. Sorry about that!",
                "server_error", null, null);
    }

    public JsonObject toJson() {
        return new JsonObject().put("error", new JsonObject()
                .put("message", message).put("type", type).put("param", param).put("code", code));
    }
}
