package io.distillguard.admin;

import io.distillguard.enforce.PolicyService;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The operator's REST API over the policy: manual actions, lifts, active decisions and the running policy, with the
 * same admin bearer token as {@link AdminApi}. Mount it under {@code /admin} before the registry API:
 * {@code root.route("/admin/*").subRouter(PolicyAdminApi.router(vertx, policy, token))}; paths it does not serve
 * fall through to the next router.
 *
 * <pre>
 * POST /actions       {scope: entity|account|key, id, action, params?, duration?, reason, operator, mode?}
 *                                                              201 decision (manual, audited)
 * POST /actions/lift  {decision_id} or {scope, id}, reason, operator    200 {lifted: [decision...]}
 * GET  /actions?scope=entity|account|key&amp;id=..              200 {enforced: [...], shadow: [...]}
 * GET  /policy                                                 200 version, sha256, rules, allowlist,
 *                                                              last_reload_error, shadow_hits
 * </pre>
 * Errors are OpenAI-style JSON: 400 bad input (naming the field), 401 bad admin token, 404 unknown decision.
 */
public final class PolicyAdminApi {

    private PolicyAdminApi() {}

    public static Router router(Vertx vertx, PolicyService policy, String adminToken) {
        return router(vertx, policy, new AdminAuth(adminToken));
    }

    /** The same API behind another guard (the console's session and CSRF check). */
    public static Router router(Vertx vertx, PolicyService policy, Handler<RoutingContext> auth) {
        PolicyHandlers h = new PolicyHandlers(vertx, policy);
        Router r = Router.router(vertx);
        r.route("/actions*").handler(auth);
        r.route("/actions*").handler(BodyHandler.create().setBodyLimit(1 << 20));
        r.route("/policy*").handler(auth);
        r.post("/actions").handler(h::apply);
        r.post("/actions/lift").handler(h::lift);
        r.get("/actions").handler(h::active);
        r.get("/policy").handler(h::policy);
        r.route("/actions*").failureHandler(PolicyAdminApi::failure);
        r.route("/policy*").failureHandler(PolicyAdminApi::failure);
        return r;
    }

    private static void failure(io.vertx.ext.web.RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.failure() instanceof BadInput bad) {
            AdminErrors.send(ctx, 400, "invalid_value", bad.param(), bad.getMessage());
        } else if (ctx.failure() == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            AdminErrors.send(ctx, ctx.statusCode(), "invalid_request", null, "the request was refused");
        } else {
            org.slf4j.LoggerFactory.getLogger(PolicyAdminApi.class).error("admin {} {} failed",
                    ctx.request().method(), ctx.request().path(), ctx.failure());
            AdminErrors.send(ctx, 500, "internal_error", null, "internal error; see the gateway log");
        }
    }
}
