package io.distillguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.time.VirtualClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in and guard over real HTTP on loopback, on a virtual clock: wrong credentials are refused and
 * slowed more with each failure, a session works until its absolute lifetime, and a state change needs the CSRF token.
 */
class ConsoleAuthTest {
    private static final String TOKEN = "adm-test-token";
    private final VirtualClock clock = new VirtualClock(1_800_000_000_000L);
    private final ConsoleConfig config = new ConsoleConfig(Duration.ofMinutes(30), Duration.ofHours(8),
            Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMinutes(15));
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private String base;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        ConsoleAuth auth = new ConsoleAuth(vertx, TOKEN, config, clock);
        Router r = Router.router(vertx);
        r.route("/api/*").handler(SessionHandler.create(LocalSessionStore.create(vertx)).setSessionCookieName("s")
                .setCookieHttpOnlyFlag(true).setCookieSameSite(CookieSameSite.STRICT));
        r.route("/api/*").handler(BodyHandler.create());
        r.post("/api/session").handler(auth::signIn);
        r.route("/api/*").handler(auth::guard);
        r.get("/api/thing").handler(ctx -> ctx.json(new JsonObject().put("read", true)));
        r.post("/api/thing").handler(ctx -> ctx.json(new JsonObject().put("changed", true)));
        int port = vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1").await().actualPort();
        base = "http://127.0.0.1:" + port + "/api/";
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void wrongCredentialIsRefusedAndLeavesNoSession() throws Exception {
        HttpResponse<String> r = post("session", null, null, new JsonObject().put("token", "guess"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("invalid_credential");
        String cookie = cookie(r);
        assertThat(get("thing", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void failedSignInsAreSlowedMoreEachTimeAndForgottenAfterTheWindow() {
        SignInThrottle t = new SignInThrottle(config, clock);
        assertThat(t.failed("10.0.0.1")).isEqualTo(10);
        assertThat(t.failed("10.0.0.1")).isEqualTo(20);
        assertThat(t.failed("10.0.0.1")).isEqualTo(40);
        assertThat(t.failed("10.0.0.1")).isEqualTo(40); // capped
        assertThat(t.failed("10.0.0.2")).isEqualTo(10); // per address
        clock.advance(Duration.ofMinutes(16).toMillis());
        assertThat(t.failures("10.0.0.1")).isZero();
        assertThat(t.failed("10.0.0.1")).isEqualTo(10);
    }

    @Test
    void sessionNeedsTheCsrfTokenToChangeStateAndEndsAtItsAbsoluteLifetime() throws Exception {
        HttpResponse<String> in = post("session", null, null, new JsonObject().put("token", TOKEN));
        assertThat(in.statusCode()).isEqualTo(200);
        String cookie = cookie(in);
        assertThat(in.headers().firstValue("set-cookie").orElseThrow()).contains("HTTPOnly").contains("SameSite=Strict");
        String csrf = new JsonObject(in.body()).getString("csrf_token");
        assertThat(csrf).hasSize(64);

        assertThat(get("thing", cookie).statusCode()).isEqualTo(200);
        assertThat(post("thing", cookie, null, new JsonObject()).statusCode()).isEqualTo(403);
        assertThat(post("thing", cookie, "f".repeat(64), new JsonObject()).statusCode()).isEqualTo(403);
        assertThat(post("thing", cookie, csrf, new JsonObject()).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(8).plusSeconds(1).toMillis());
        HttpResponse<String> expired = get("thing", cookie);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("session_expired");
        assertThat(get("thing", cookie).body()).contains("not_signed_in"); // destroyed, not just refused once
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String csrf, JsonObject body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header(ConsoleAuth.CSRF_HEADER, csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<String> r) {
        return r.headers().firstValue("set-cookie").map(c -> c.split(";", 2)[0]).orElse(null);
    }
}
