package io.distillguard.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.distillguard.enforce.PolicyService;
import io.distillguard.policy.cache.Lift;
import io.distillguard.policy.cache.ManualAction;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.Scope;
import io.distillguard.policy.decision.ScopeType;
import io.distillguard.policy.file.ActionParams;
import io.distillguard.policy.file.ActionTemplate;
import io.distillguard.policy.file.ActionType;
import io.distillguard.policy.file.DurationSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Handlers of {@link PolicyAdminApi}: validate the body (a missing reason or operator, an unknown action or a
 * parameter foreign to it is a 400 naming the field), then go through the policy runtime on a worker thread, so the
 * decision cache and the audit log see manual actions and lifts exactly like the engine's decisions.
 */
final class PolicyHandlers {

    private static final ObjectMapper PARAMS = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Vertx vertx;
    private final PolicyService policy;

    PolicyHandlers(Vertx vertx, PolicyService policy) {
        this.vertx = vertx;
        this.policy = policy;
    }

    void apply(RoutingContext ctx) {
        JsonObject b = body(ctx);
        Scope scope = scope(b);
        String actionName = text(b, "action", true);
        ActionType type = ActionType.parse(actionName).orElseThrow(() -> new BadInput("action", "unknown action '"
                + actionName + "' (one of tag, watermark, degrade, throttle, require_verification, block)"));
        ActionParams params = params(b);
        List<String> problems = ActionTemplate.validate(type, params);
        if (!problems.isEmpty()) {
            throw new BadInput("params", String.join("; ", problems));
        }
        String durationText = text(b, "duration", false);
        Duration duration = durationText == null ? null : DurationSpec.parse(durationText).orElseThrow(
                () -> new BadInput("duration", "duration must be like 30m, 24h, 7d or ISO-8601 (PT30M), got '"
                        + durationText + "'"));
        String modeText = text(b, "mode", false);
        Mode mode = modeText == null ? Mode.ENFORCE : switch (modeText) {
            case "enforce" -> Mode.ENFORCE;
            case "shadow" -> Mode.SHADOW;
            default -> throw new BadInput("mode", "mode must be enforce or shadow, got '" + modeText + "'");
        };
        ManualAction action = new ManualAction(text(b, "operator", true), text(b, "reason", true), scope,
                new ActionTemplate(type, params), duration, mode);
        vertx.executeBlocking(() -> policy.runtime().apply(action), false)
                .onSuccess(d -> ok(ctx, 201, PolicyJson.decision(d)))
                .onFailure(ctx::fail);
    }

    void lift(RoutingContext ctx) {
        JsonObject b = body(ctx);
        String operator = text(b, "operator", true);
        String reason = text(b, "reason", true);
        String decisionId = text(b, "decision_id", false);
        Scope scope;
        if (decisionId != null) {
            Decision d = policy.cache().find(decisionId).orElse(null);
            if (d == null) {
                AdminErrors.send(ctx, 404, "not_found", "decision_id", "no active decision " + decisionId);
                return;
            }
            scope = d.scope();
        } else {
            scope = scope(b);
        }
        Lift lift = new Lift(operator, reason, scope, decisionId);
        vertx.executeBlocking(() -> policy.runtime().lift(lift), false)
                .onSuccess(lifted -> ok(ctx, 200, new JsonObject().put("object", "lift").put("scope", scope.toString())
                        .put("lifted", new JsonArray(lifted.stream().map(PolicyJson::decision).toList()))))
                .onFailure(ctx::fail);
    }

    void active(RoutingContext ctx) {
        String type = ctx.request().getParam("scope");
        String id = ctx.request().getParam("id");
        Scope scope = scope(new JsonObject().put("scope", type).put("id", id));
        String key = scope.type() == ScopeType.KEY ? scope.id() : null;
        String account = scope.type() == ScopeType.ACCOUNT ? scope.id() : null;
        String entity = scope.type() == ScopeType.ENTITY ? scope.id() : null;
        ok(ctx, 200, new JsonObject().put("object", "decisions").put("scope", scope.toString())
                .put("effective", PolicyJson.decision(policy.cache().effective(key, account, entity)))
                .put("enforced", PolicyJson.decisions(policy.cache().active(key, account, entity)))
                .put("shadow", PolicyJson.decisions(policy.cache().shadow(key, account, entity))));
    }

    void policy(RoutingContext ctx) {
        ok(ctx, 200, PolicyJson.policy(policy));
    }

    // ---- plumbing

    private static Scope scope(JsonObject b) {
        String type = text(b, "scope", true);
        ScopeType t = switch (type.toLowerCase(Locale.ROOT)) {
            case "entity" -> ScopeType.ENTITY;
            case "account" -> ScopeType.ACCOUNT;
            case "key" -> ScopeType.KEY;
            default -> throw new BadInput("scope", "scope must be entity, account or key, got '" + type + "'");
        };
        return new Scope(t, text(b, "id", true));
    }

    private static ActionParams params(JsonObject b) {
        Object p = b.getValue("params");
        if (p == null) {
            return ActionParams.NONE;
        }
        if (!(p instanceof JsonObject o)) {
            throw new BadInput("params", "params must be an object");
        }
        try {
            return PARAMS.convertValue(o.getMap(), ActionParams.class);
        } catch (IllegalArgumentException e) {
            throw new BadInput("params", "invalid params: " + e.getMessage().replaceAll("\\s+", " ")
                    .replaceAll(" \\(class .*", ""));
        }
    }

    private static String text(JsonObject b, String field, boolean mandatory) {
        Object v = b.getValue(field);
        if (v == null || (v instanceof String s && s.isBlank())) {
            if (mandatory) {
                throw new BadInput(field, field + " is mandatory");
            }
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new BadInput(field, field + " must be a string");
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject b = ctx.body().asJsonObject();
            if (b == null) {
                throw new BadInput(null, "expected a JSON object body");
            }
            return b;
        } catch (DecodeException e) {
            throw new BadInput(null, "the body is not valid JSON");
        }
    }

    private static void ok(RoutingContext ctx, int status, JsonObject json) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json.encode());
    }
}
