package io.distillguard.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.admin.PolicyJson;
import io.distillguard.alert.Alert;
import io.distillguard.backtest.BacktestWindow;
import io.distillguard.backtest.PolicyBacktest;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.detect.risk.SignalContribution;
import io.distillguard.policy.audit.AuditRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's own read models and its two own state changes (alert triage, backtest runs); everything else the
 * console does goes through the admin APIs mounted under {@code /console/api/admin}. Blocking reads run on a worker,
 * detector reads on the detection thread.
 */
final class ConsoleApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final ConsoleServices s;
    private final EntityViews entities;

    ConsoleApi(Vertx vertx, ConsoleServices services) {
        this.vertx = vertx;
        this.s = services;
        this.entities = new EntityViews(vertx, services);
    }

    /** Live rates, top entities by risk, decisions in force and detector health. */
    void overview(RoutingContext ctx) {
        List<Map<String, Object>> top = new ArrayList<>();
        for (RiskScore r : s.detection().topRisk(10)) {
            top.add(Map.of("entity_id", r.entityId(), "score", r.score(), "at_ms", r.atMs(),
                    "top_signals", r.top(0.05).stream().map(c -> c.reading().signal()).limit(3).toList()));
        }
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("detection_queue_depth", s.detection().feed().depth());
        health.put("detection_events_shed", s.detection().feed().shed());
        health.put("detection_events_delivered", s.detection().feed().delivered());
        health.put("metering_backlog", s.pipeline().backlog());
        health.put("metering_processed", s.pipeline().processed());
        health.put("store_queue_depth", s.store().queueDepth());
        health.put("store_events_rejected", s.store().eventsRejected());
        health.put("store_events_written", s.store().eventsWritten());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "overview");
        out.put("now_ms", s.clock().millis());
        out.put("rates", s.rates().lastMinute().stream().map(r -> Map.of("epoch_second", r.epochSecond(),
                "requests", r.requests(), "input_tokens", r.inputTokens(), "output_tokens", r.outputTokens())).toList());
        out.put("top_entities", top);
        out.put("actions", plain(PolicyJson.decisions(s.policy().cache().inForce()).encode()));
        out.put("health", health);
        send(ctx, 200, out);
    }

    /** The latest revision of each recent alert with its triage, newest first. */
    void alerts(RoutingContext ctx) {
        Map<String, Alert> latest = new LinkedHashMap<>();
        for (Alert a : s.detection().recentAlerts(1_000)) {
            latest.putIfAbsent(a.id(), a);
        }
        List<Map<String, Object>> data = latest.values().stream().map(this::alert).toList();
        send(ctx, 200, Map.of("object", "list", "data", data));
    }

    private Map<String, Object> alert(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("revision", a.revision());
        m.put("entity_id", a.entityId());
        m.put("score", a.score());
        m.put("signals", a.signalNames());
        m.put("account_count", a.accountCount());
        m.put("requests", a.requests());
        m.put("output_tokens", a.outputTokens());
        m.put("raised_at_ms", a.raisedAtMs());
        m.put("updated_at_ms", a.updatedAtMs());
        Triage t = s.triage().of(a.id()).orElse(null);
        m.put("triage", t == null ? Map.of("state", TriageState.NEW.wire()) : Map.of("state", t.state().wire(),
                "reason", t.reason(), "operator", t.operator(), "updated_at_ms", t.updatedAtMs()));
        return m;
    }

    /** POST {@code {"state": acknowledged|escalated|dismissed, "reason": ...}}: stored durably and audited. */
    void triage(RoutingContext ctx) {
        String alertId = ctx.pathParam("id");
        JsonObject b = body(ctx);
        String reason = b == null ? null : b.getString("reason");
        TriageState state = b == null ? null : TriageState.settable(b.getString("state")).orElse(null);
        if (state == null || reason == null || reason.isBlank()) {
            ConsoleAuth.error(ctx, 400, "invalid_value",
                    "give state (acknowledged, escalated or dismissed) and a non-empty reason");
            return;
        }
        Alert alert = s.detection().recentAlerts(1_000).stream().filter(a -> a.id().equals(alertId)).findFirst()
                .orElse(null);
        if (alert == null) {
            ConsoleAuth.error(ctx, 404, "not_found", "no recent alert " + alertId);
            return;
        }
        Triage t = new Triage(alertId, alert.entityId(), state, reason.strip(), "console", s.clock().millis());
        vertx.executeBlocking(() -> {
            s.triage().put(t);
            s.policy().audit().append(new AuditRecord(0, "triage", Instant.ofEpochMilli(t.updatedAtMs()).toString(),
                    "operator:" + t.operator(), state.wire(), Map.of("alert_id", alertId), null,
                    "entity:" + alert.entityId(), alert.accounts(), null, null, null, null, t.reason(), null, null,
                    null, null));
            return alert(alert);
        }, false).onSuccess(json -> send(ctx, 200, json)).onFailure(ctx::fail);
    }

    void entity(RoutingContext ctx) {
        reply(ctx, entities.entity(ctx.pathParam("id")));
    }

    void timeline(RoutingContext ctx) {
        reply(ctx, entities.timeline(ctx.pathParam("id")));
    }

    /** POST {@code {"from": ISO-8601?, "to": ISO-8601?}}: the running policy replayed over the stored events. */
    void backtest(RoutingContext ctx) {
        JsonObject b = body(ctx);
        BacktestWindow window;
        try {
            window = BacktestWindow.of(instant(b, "from", BacktestWindow.START), instant(b, "to", BacktestWindow.END));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            ConsoleAuth.error(ctx, 400, "invalid_value", "from/to must be ISO-8601 instants, from before to: "
                    + e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> {
            s.store().flush();
            return new PolicyBacktest(s.policy().currentPolicy()).run(s.store(), s.registry(), window).toJson();
        }, false).onSuccess(report -> {
            ctx.response().putHeader("Content-Type", "application/json").end(report.toString());
        }).onFailure(ctx::fail);
    }

    private static Instant instant(JsonObject b, String field, Instant dflt) {
        String v = b == null ? null : b.getString(field);
        return v == null || v.isBlank() ? dflt : Instant.parse(v);
    }

    private void reply(RoutingContext ctx, Future<Map<String, Object>> result) {
        result.onSuccess(body -> {
            if (body == null) {
                ConsoleAuth.error(ctx, 404, "not_found", "no entity " + ctx.pathParam("id"));
            } else {
                send(ctx, 200, body);
            }
        }).onFailure(ctx::fail);
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            return ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Map<String, Object> signals(RiskScore r) {
        List<Map<String, Object>> sig = new ArrayList<>();
        for (SignalContribution c : r.breakdown()) {
            sig.add(Map.of("signal", c.reading().signal(), "value", c.reading().value(),
                    "baseline", c.reading().baseline(), "score", c.reading().score(), "weight", c.weight(),
                    "explanation", String.valueOf(c.reading().explanation())));
        }
        return Map.of("score", r.score(), "at_ms", r.atMs(), "signals", sig);
    }

    /** Vert.x JSON text as plain maps and lists, for Jackson. */
    static Object plain(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Vert.x wrote invalid JSON", e);
        }
    }

    static void send(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
