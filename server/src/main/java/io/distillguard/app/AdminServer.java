package io.distillguard.app;

import io.distillguard.admin.AdminApi;
import io.distillguard.monitor.DetectionAdminApi;
import io.distillguard.monitor.DetectionService;
import io.distillguard.registry.Registry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;

/**
 * The operator's port, never the customers': the admin REST API under {@code /admin}, the analyst console under
 * {@code /console/}, Prometheus metrics at {@code /metrics}, and liveness/readiness at {@code /healthz} and
 * {@code /readyz}.
 */
final class AdminServer {
    private final Vertx vertx;
    private final Router router;

    AdminServer(Vertx vertx, Registry registry, DetectionService detection, PrometheusMeterRegistry prometheus,
            String adminToken, BooleanSupplier ready, Router policyAdmin, Router console) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        router.get("/healthz").handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject().put("status", "ok")));
        router.get("/readyz").handler(ctx -> {
            boolean ok = ready.getAsBoolean();
            ctx.response().setStatusCode(ok ? 200 : 503);
            ctx.json(new io.vertx.core.json.JsonObject().put("status", ok ? "ready" : "overloaded"));
        });
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(prometheus.scrape()));
        router.route("/admin/detection/*").subRouter(DetectionAdminApi.router(vertx, detection, adminToken));
        router.route("/admin/*").subRouter(policyAdmin); // /admin/actions, /admin/policy; the rest falls through
        router.route("/admin/*").subRouter(AdminApi.router(vertx, registry, adminToken));
        router.get("/console").handler(ctx -> { // Vert.x matches "/console/" here too: redirect only the bare path
            if (ctx.request().path().equals("/console")) {
                ctx.redirect("/console/");
            } else {
                ctx.next();
            }
        });
        router.route("/console/*").subRouter(console);
    }

    Future<Integer> listen(String host, int port) {
        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(router)
                .listen()
                .map(s -> s.actualPort());
    }
}
