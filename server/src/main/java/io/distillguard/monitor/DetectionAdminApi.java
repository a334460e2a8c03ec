package io.distillguard.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.admin.AdminAuth;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.link.EntityTotals;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin endpoints over the detectors, under {@code /admin/detection}: recent alerts, entities by risk, one entity's
 * accounts, link reasons, totals and risk breakdown, and the operator's split / merge / allowlist of accounts. Queries of detector state run on the detection
 * thread; the HTTP thread only waits for their result.
 */
public final class DetectionAdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DetectionAdminApi.class);

    private DetectionAdminApi() {}

    public static Router router(Vertx vertx, DetectionService detection, String adminToken) {
        return router(vertx, detection, new AdminAuth(adminToken));
    }

    /** The same API behind another guard (the console's session and CSRF check). */
    public static Router router(Vertx vertx, DetectionService detection, io.vertx.core.Handler<RoutingContext> guard) {
        Router r = Router.router(vertx);
        r.route().handler(guard);
        r.get("/alerts").handler(ctx -> send(ctx, Map.of("object", "list",
                "data", detection.recentAlerts(intParam(ctx, "limit", 100)))));
        r.get("/entities").handler(ctx -> send(ctx, Map.of("object", "list",
                "data", detection.topRisk(intParam(ctx, "limit", 50)))));
        r.route().handler(io.vertx.ext.web.handler.BodyHandler.create().setBodyLimit(64 * 1024));
        // Operator overrides of linking: split an account out of its entity, merge two accounts' entities, or
        // allowlist an account (split and never linked again). Each needs a reason, which is logged.
        r.post("/accounts/:id/split").handler(ctx -> operator(ctx, detection, "split", (engine, id, body) -> {
            engine.linker().split(id);
            return engine.linker().entityOf(id);
        }));
        r.post("/accounts/:id/allowlist").handler(ctx -> operator(ctx, detection, "allowlist", (engine, id, body) -> {
            engine.linker().allowlist(id);
            return engine.linker().entityOf(id);
        }));
        r.post("/accounts/:id/merge").handler(ctx -> operator(ctx, detection, "merge", (engine, id, body) -> {
            String other = body.getString("with");
            if (other == null || other.isBlank()) {
                throw new IllegalArgumentException("'with' (the other account id) is required");
            }
            engine.linker().merge(id, other);
            return engine.linker().entityOf(id);
        }));
        r.get("/entities/:id").handler(ctx -> {
            String id = ctx.pathParam("id");
            detection.query(engine -> entity(engine, id)).whenComplete((body, err) -> {
                if (err != null) {
                    ctx.response().setStatusCode(500);
                    send(ctx, error("detector query failed", "server_error", null));
                } else if (body == null) {
                    ctx.response().setStatusCode(404);
                    send(ctx, error("no entity " + id, "invalid_request_error", "not_found"));
                } else {
                    send(ctx, body);
                }
            });
        });
        return r;
    }

    /** An operator change of linking, applied on the detection thread. */
    @FunctionalInterface
    private interface LinkChange {
        String apply(io.distillguard.detect.DetectionEngine engine, String accountId, io.vertx.core.json.JsonObject body);
    }

    private static void operator(RoutingContext ctx, DetectionService detection, String action, LinkChange change) {
        String account = ctx.pathParam("id");
        io.vertx.core.json.JsonObject body;
        try {
            body = ctx.body().length() == 0 ? new io.vertx.core.json.JsonObject() : ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        if (body == null || body.getString("reason") == null || body.getString("reason").isBlank()) {
            ctx.response().setStatusCode(400);
            send(ctx, error("a JSON body with a non-empty 'reason' is required", "invalid_request_error", "missing_reason"));
            return;
        }
        io.vertx.core.json.JsonObject req = body;
        detection.query(engine -> change.apply(engine, account, req)).whenComplete((entity, err) -> {
            if (err != null) {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                ctx.response().setStatusCode(400);
                send(ctx, error(String.valueOf(cause.getMessage()), "invalid_request_error", "invalid_value"));
                return;
            }
            LOG.atWarn().addKeyValue("action", action).addKeyValue("account", account)
                    .addKeyValue("operator", req.getString("operator", "admin"))
                    .addKeyValue("reason", req.getString("reason")).log("operator changed account linking");
            send(ctx, Map.of("object", "link_change", "action", action, "account", account, "entity", entity));
        });
    }

    private static Map<String, Object> entity(io.distillguard.detect.DetectionEngine engine, String id) {
        var members = engine.linker().members(id);
        if (members.isEmpty()) {
            return null;
        }
        EntityTotals totals = engine.linker().totals(id);
        RiskScore risk = engine.riskOf(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "entity");
        out.put("id", id);
        out.put("accounts", List.copyOf(members));
        out.put("allowlisted", engine.linker().isAllowlisted(id));
        out.put("totals", totals);
        out.put("risk", risk);
        out.put("link_reasons", engine.linker().reasons(id, 50).stream().map(l -> l.describe()).toList());
        return out;
    }

    private static Map<String, Object> error(String message, String type, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", message);
        e.put("type", type);
        e.put("param", null);
        e.put("code", code);
        return Map.of("error", e);
    }

    private static int intParam(RoutingContext ctx, String name, int dflt) {
        try {
            String v = ctx.request().getParam(name);
            return v == null ? dflt : Math.max(1, Math.min(10_000, Integer.parseInt(v)));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static void send(RoutingContext ctx, Object body) {
        try {
            ctx.response().putHeader("content-type", "application/json").end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}
