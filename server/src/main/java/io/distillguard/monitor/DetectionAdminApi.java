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
 * Read-only admin endpoints over the detectors, under {@code /admin/detection}: recent alerts, entities by risk, and
 * one entity's accounts, link reasons, totals and risk breakdown. Queries of detector state run on the detection
 * thread; the HTTP thread only waits for their result.
 */
public final class DetectionAdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DetectionAdminApi() {}

    public static Router router(Vertx vertx, DetectionService detection, String adminToken) {
        Router r = Router.router(vertx);
        r.route().handler(new AdminAuth(adminToken));
        r.get("/alerts").handler(ctx -> send(ctx, Map.of("object", "list",
                "data", detection.recentAlerts(intParam(ctx, "limit", 100)))));
        r.get("/entities").handler(ctx -> send(ctx, Map.of("object", "list",
                "data", detection.topRisk(intParam(ctx, "limit", 50)))));
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
