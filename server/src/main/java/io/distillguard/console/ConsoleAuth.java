package io.distillguard.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in, sign-out and the guard of every console API call. Signing in with the admin credential regenerates the
 * session id (no fixation) and stores the sign-in time and a per-session CSRF token (synchronizer token pattern). The
 * guard refuses a request without a signed-in session (401) or past the absolute session lifetime, and a
 * state-changing request whose {@code X-CSRF-Token} header does not equal the session's token (403). Failed
 * sign-ins are logged with the client address and answered only after a delay that doubles per failure.
 */
final class ConsoleAuth {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAuth.class);
    private static final String SIGNED_IN_AT = "signed_in_at";
    private static final String CSRF = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final byte[] expected;
    private final ConsoleConfig config;
    private final Clock clock;
    private final SignInThrottle throttle;

    ConsoleAuth(Vertx vertx, String adminToken, ConsoleConfig config, Clock clock) {
        this.vertx = vertx;
        this.expected = sha256(adminToken);
        this.config = config;
        this.clock = clock;
        this.throttle = new SignInThrottle(config, clock);
    }

    /** POST {@code {"token": ...}}: 200 with the CSRF token, or (after a delay) 401. */
    void signIn(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        String given = body == null ? null : body.getString("token");
        String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        if (given != null && MessageDigest.isEqual(sha256(given), expected)) {
            throttle.succeeded(address);
            Session session = ctx.session();
            session.regenerateId();
            session.put(SIGNED_IN_AT, clock.millis());
            String csrf = HexFormat.of().formatHex(bytes(32));
            session.put(CSRF, csrf);
            LOG.atInfo().addKeyValue("address", address).log("console sign-in");
            ctx.json(sessionJson(session));
            return;
        }
        long delay = throttle.failed(address);
        LOG.atWarn().addKeyValue("address", address).addKeyValue("failures", throttle.failures(address))
                .addKeyValue("delay_ms", delay).log("console sign-in refused: wrong credential");
        vertx.setTimer(delay, t -> error(ctx, 401, "invalid_credential", "wrong admin credential"));
    }

    void signOut(RoutingContext ctx) {
        ctx.session().destroy();
        ctx.json(new JsonObject().put("signed_in", false));
    }

    /** GET: the signed-in session's CSRF token and expiry (the guard has already run). */
    void current(RoutingContext ctx) {
        ctx.json(sessionJson(ctx.session()));
    }

    /** Lets a request through only from a live signed-in session, and a state change only with its CSRF token. */
    void guard(RoutingContext ctx) {
        Session session = ctx.session();
        Long signedInAt = session == null ? null : session.get(SIGNED_IN_AT);
        if (signedInAt == null) {
            error(ctx, 401, "not_signed_in", "sign in to the console first");
            return;
        }
        if (clock.millis() - signedInAt > config.absoluteTimeout().toMillis()) {
            session.destroy();
            error(ctx, 401, "session_expired", "the session has expired; sign in again");
            return;
        }
        String method = ctx.request().method().name();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            String given = ctx.request().getHeader(CSRF_HEADER);
            String token = session.get(CSRF);
            if (given == null || token == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                LOG.atWarn().addKeyValue("path", ctx.request().path()).log("console request refused: bad CSRF token");
                error(ctx, 403, "csrf_token_invalid", "missing or wrong " + CSRF_HEADER + " header");
                return;
            }
        }
        ctx.next();
    }

    private JsonObject sessionJson(Session session) {
        long at = session.get(SIGNED_IN_AT);
        return new JsonObject().put("signed_in", true).put("csrf_token", (String) session.get(CSRF))
                .put("expires_at_ms", at + config.absoluteTimeout().toMillis())
                .put("idle_timeout_ms", config.idleTimeout().toMillis());
    }

    static void error(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", new JsonObject().put("message", message)
                        .put("type", "invalid_request_error").put("code", code)).encode());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
