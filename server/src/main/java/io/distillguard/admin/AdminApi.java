package io.distillguard.admin;

import io.distillguard.registry.Registry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's REST API over the {@link Registry}, guarded by an admin bearer token. Mount the router under
 * {@code /admin}: {@code root.route("/admin/*").subRouter(AdminApi.router(vertx, registry, token))}.
 *
 * <pre>
 * POST  /orgs                 {id?, name}                                   201 organization
 * GET   /orgs, /orgs/:id
 * POST  /accounts             {id?, org_id, tier?, email_domain?, payment_fingerprint_hash?, verified_id_hash?,
 *                              signup_path?, verified?}                     201 account
 * GET   /accounts[?org_id=], /accounts/:id
 * PATCH /accounts/:id         {tier?, status?: active|suspended|closed}     200 account
 * POST  /accounts/:id/keys    {id?, name?}                                  201 api_key with its secret, shown once
 * GET   /accounts/:id/keys
 * POST  /keys/:id/revoke                                                    200 api_key
 * GET   /tiers, /tiers/:name
 * PUT   /tiers/:name          {requests_per_minute, input_tokens_per_minute, output_tokens_per_minute,
 *                              output_tokens_per_day, max_tokens_ceiling}   200 tier
 * POST  /import               YAML (application/yaml) or CSV (text/csv) body  200 counts and issued keys
 * </pre>
 * Errors are OpenAI-style JSON: 400 bad input, 401 bad admin token, 404 unknown id, 409 id taken, 415 import type.
 */
public final class AdminApi {

    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    private static final long BODY_LIMIT = 16L * 1024 * 1024;

    private AdminApi() {
    }

    public static Router router(Vertx vertx, Registry registry, String adminToken) {
        return router(vertx, registry, new AdminAuth(adminToken));
    }

    /** The same API behind another guard (the console's session and CSRF check). */
    public static Router router(Vertx vertx, Registry registry, Handler<RoutingContext> guard) {
        RegistryHandlers h = new RegistryHandlers(vertx, registry);
        Router r = Router.router(vertx);
        r.route().handler(guard);
        r.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
        r.post("/orgs").handler(h::createOrg);
        r.get("/orgs").handler(h::listOrgs);
        r.get("/orgs/:id").handler(h::getOrg);
        r.post("/accounts").handler(h::createAccount);
        r.get("/accounts").handler(h::listAccounts);
        r.get("/accounts/:id").handler(h::getAccount);
        r.patch("/accounts/:id").handler(h::patchAccount);
        r.post("/accounts/:id/keys").handler(h::createKey);
        r.get("/accounts/:id/keys").handler(h::listKeys);
        r.post("/keys/:id/revoke").handler(h::revokeKey);
        r.get("/tiers").handler(h::listTiers);
        r.get("/tiers/:name").handler(h::getTier);
        r.put("/tiers/:name").handler(h::putTier);
        r.post("/import").handler(h::importFile);
        r.route().last().handler(ctx -> AdminErrors.send(ctx, 404, "unknown_url", null,
                "no admin endpoint " + ctx.request().method() + " " + ctx.request().path()));
        r.route().failureHandler(AdminApi::failure);
        return r;
    }

    private static void failure(RoutingContext ctx) {
        Throwable t = ctx.failure();
        if (ctx.response().ended()) {
            return;
        }
        if (t instanceof BadInput bad) {
            AdminErrors.send(ctx, 400, "invalid_value", bad.param(), bad.getMessage());
        } else if (t == null && ctx.statusCode() == 413) {
            AdminErrors.send(ctx, 413, "body_too_large", null, "the body exceeds " + BODY_LIMIT + " bytes");
        } else if (t == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            AdminErrors.send(ctx, ctx.statusCode(), "invalid_request", null, "the request was refused");
        } else {
            log.error("admin {} {} failed", ctx.request().method(), ctx.request().path(), t);
            AdminErrors.send(ctx, 500, "internal_error", null, "internal error; see the gateway log");
        }
    }
}
