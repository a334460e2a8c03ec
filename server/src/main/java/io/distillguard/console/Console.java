package io.distillguard.console;

import io.distillguard.admin.AdminApi;
import io.distillguard.admin.PolicyAdminApi;
import io.distillguard.monitor.DetectionAdminApi;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.time.Clock;

/**
 * The analyst console: a browser UI for the security team, mounted on the admin port under {@code /console/} and
 * never on the public API port. Static pages and the chart/graph libraries (WebJars) come from the jar; the JSON API
 * under {@code /console/api} needs a signed-in session (HttpOnly, SameSite=Strict cookie; idle and absolute expiry)
 * and, for every state change, the session's CSRF token. The API is a thin layer: the admin APIs are mounted again
 * under {@code /console/api/admin} behind the session guard instead of the bearer token, and {@link ConsoleApi} adds
 * only the console's read models, alert triage and backtest runs.
 *
 * <pre>
 * POST   /console/api/session             {token}  sign in (slowed and logged on failure)
 * GET    /console/api/session             the CSRF token; DELETE signs out
 * GET    /console/api/overview            rates, top entities, decisions in force, detector health
 * GET    /console/api/alerts              latest revision per alert with its triage
 * POST   /console/api/alerts/:id/triage   {state, reason}
 * GET    /console/api/entities/:id[/timeline]
 * POST   /console/api/backtest            {from?, to?}
 * *      /console/api/admin/...           the admin API (registry, actions, policy, detection)
 * </pre>
 */
public final class Console {
    static final String COOKIE = "dg_console_session";

    private Console() {}

    /** The router to mount with {@code root.route("/console/*").subRouter(...)}. */
    public static Router router(Vertx vertx, ConsoleServices services, String adminToken, ConsoleConfig config) {
        ConsoleAuth auth = new ConsoleAuth(vertx, adminToken, config, Clock.systemUTC());
        ConsoleApi api = new ConsoleApi(vertx, services);
        Router r = Router.router(vertx);
        r.route().handler(Console::securityHeaders);
        r.route("/api/*").handler(SessionHandler.create(LocalSessionStore.create(vertx))
                .setSessionCookieName(COOKIE).setSessionCookiePath("/console")
                .setCookieHttpOnlyFlag(true).setCookieSameSite(CookieSameSite.STRICT)
                .setSessionTimeout(config.idleTimeout().toMillis()).setMinLength(32));
        r.route("/api/*").handler(BodyHandler.create().setBodyLimit(1 << 20));
        r.post("/api/session").handler(auth::signIn);
        r.route("/api/*").handler(auth::guard);
        r.get("/api/session").handler(auth::current);
        r.delete("/api/session").handler(auth::signOut);
        r.get("/api/overview").handler(api::overview);
        r.get("/api/alerts").handler(api::alerts);
        r.post("/api/alerts/:id/triage").handler(api::triage);
        r.get("/api/entities/:id").handler(api::entity);
        r.get("/api/entities/:id/timeline").handler(api::timeline);
        r.post("/api/backtest").handler(api::backtest);
        r.route("/api/admin/detection/*").subRouter(DetectionAdminApi.router(vertx, services.detection(), auth::guard));
        r.route("/api/admin/*").subRouter(PolicyAdminApi.router(vertx, services.policy(), auth::guard));
        r.route("/api/admin/*").subRouter(AdminApi.router(vertx, services.registry(), auth::guard));
        r.route("/api/*").handler(ctx -> ConsoleAuth.error(ctx, 404, "unknown_url", "no console endpoint "
                + ctx.request().method() + " " + ctx.request().path()));
        r.route("/vendor/*").handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true));
        r.route("/*").handler(StaticHandler.create("console").setIndexPage("index.html"));
        return r;
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                        + "img-src 'self' data:; frame-ancestors 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
