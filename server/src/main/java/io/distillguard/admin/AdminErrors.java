package io.distillguard.admin;

import io.distillguard.registry.Outcome;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI-style error answers, {@code {"error":{"message","type","param","code"}}}, never a stack trace; each refused
 * request logs one line.
 */
final class AdminErrors {

    private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);

    private AdminErrors() {
    }

    static void send(RoutingContext ctx, int status, String code, String param, String message) {
        log.info("admin {} {} -> {} {}: {}", ctx.request().method(), ctx.request().path(), status, code, message);
        JsonObject error = new JsonObject().put("message", message)
                .put("type", status >= 500 ? "server_error" : "invalid_request_error")
                .put("param", param).put("code", code);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).encode());
    }

    static void badRequest(RoutingContext ctx, String param, String message) {
        send(ctx, 400, "invalid_value", param, message);
    }

    /** The answer to a refused registry change: 404 not found, 409 already exists, 400 otherwise. */
    static void rejected(RoutingContext ctx, Outcome.Rejected<?> r) {
        int status = switch (r.code()) {
            case "not_found" -> 404;
            case "already_exists" -> 409;
            default -> 400;
        };
        send(ctx, status, r.code(), r.param(), r.message());
    }
}
