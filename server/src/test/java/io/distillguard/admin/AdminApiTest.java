package io.distillguard.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.registry.AuthResult;
import io.distillguard.registry.Registry;
import io.distillguard.store.Database;
import io.distillguard.time.VirtualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {

    private static final String TOKEN = "admin-test-token-7f3a9c";

    @TempDir
    Path dir;

    private Vertx vertx;
    private Database db;
    private Registry registry;
    private HttpServer server;
    private WebClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        db = Database.open(dir);
        registry = Registry.open(db, new VirtualClock(1_740_000_000_000L));
        Router root = Router.router(vertx);
        root.route("/admin/*").subRouter(AdminApi.router(vertx, registry, TOKEN));
        server = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(server.actualPort()));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        await(server.close());
        await(vertx.close());
        registry.close();
        db.close();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, Object body) throws Exception {
        HttpRequest<Buffer> req = client.request(method, "/admin" + path).bearerTokenAuthentication(TOKEN);
        return await(body == null ? req.send() : body instanceof JsonObject j ? req.sendJsonObject(j)
                : req.sendBuffer(Buffer.buffer(body.toString())));
    }

    private static JsonObject error(HttpResponse<Buffer> r) {
        JsonObject e = r.bodyAsJsonObject().getJsonObject("error");
        assertThat(e.fieldNames()).containsExactlyInAnyOrder("message", "type", "param", "code");
        return e;
    }

    @Test
    void refusesMissingOrWrongAdminToken() throws Exception {
        HttpResponse<Buffer> none = await(client.get("/admin/orgs").send());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(error(none).getString("type")).isEqualTo("invalid_request_error");
        HttpResponse<Buffer> wrong = await(client.post("/admin/orgs").bearerTokenAuthentication(TOKEN + "x")
                .sendJsonObject(new JsonObject().put("name", "Mallory")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(error(wrong).getString("code")).isEqualTo("invalid_admin_token");
        assertThat(registry.orgs()).isEmpty();
    }

    @Test
    void orgAccountKeyLifecycle() throws Exception {
        HttpResponse<Buffer> org = call(HttpMethod.POST, "/orgs", new JsonObject().put("id", "org_a").put("name", "A"));
        assertThat(org.statusCode()).isEqualTo(201);
        assertThat(org.bodyAsJsonObject().getString("created_at")).isEqualTo("2025-02-19T21:20:00Z");
        assertThat(call(HttpMethod.POST, "/orgs", new JsonObject().put("id", "org_a").put("name", "A")).statusCode())
                .isEqualTo(409);

        HttpResponse<Buffer> acct = call(HttpMethod.POST, "/accounts", new JsonObject().put("id", "acct_a")
                .put("org_id", "org_a").put("tier", "tier-1").put("email_domain", "a.example").put("verified", true));
        assertThat(acct.statusCode()).isEqualTo(201);
        assertThat(acct.bodyAsJsonObject().getString("status")).isEqualTo("active");
        assertThat(call(HttpMethod.GET, "/accounts?org_id=org_a", null).bodyAsJsonObject().getJsonArray("data"))
                .hasSize(1);

        HttpResponse<Buffer> key = call(HttpMethod.POST, "/accounts/acct_a/keys", new JsonObject().put("name", "ci"));
        assertThat(key.statusCode()).isEqualTo(201);
        String secret = key.bodyAsJsonObject().getString("secret");
        String keyId = key.bodyAsJsonObject().getString("id");
        assertThat(registry.authenticate(secret)).isInstanceOf(AuthResult.Authenticated.class);
        JsonObject listed = call(HttpMethod.GET, "/accounts/acct_a/keys", null).bodyAsJsonObject()
                .getJsonArray("data").getJsonObject(0);
        assertThat(listed.getString("id")).isEqualTo(keyId);
        assertThat(listed.containsKey("secret")).isFalse();
        assertThat(listed.encode()).doesNotContain(secret.substring(20));

        HttpResponse<Buffer> patched = call(HttpMethod.PATCH, "/accounts/acct_a",
                new JsonObject().put("tier", "tier-3").put("status", "suspended"));
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.bodyAsJsonObject().getString("tier")).isEqualTo("tier-3");
        assertThat(registry.authenticate(secret)).isEqualTo(new AuthResult.Denied(AuthResult.Reason.ACCOUNT_SUSPENDED));
        call(HttpMethod.PATCH, "/accounts/acct_a", new JsonObject().put("status", "active"));

        HttpResponse<Buffer> revoked = call(HttpMethod.POST, "/keys/" + keyId + "/revoke", null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.bodyAsJsonObject().getString("revoked_at")).isNotNull();
        assertThat(registry.authenticate(secret)).isEqualTo(new AuthResult.Denied(AuthResult.Reason.REVOKED));
    }

    @Test
    void badInputGetsOpenAiStyleErrors() throws Exception {
        HttpResponse<Buffer> notJson = call(HttpMethod.POST, "/orgs", "{name: oops");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(error(notJson).getString("message")).isEqualTo("the body is not valid JSON");

        HttpResponse<Buffer> wrongType = call(HttpMethod.POST, "/orgs", new JsonObject().put("name", 42));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(error(wrongType).getString("param")).isEqualTo("name");

        HttpResponse<Buffer> noOrg = call(HttpMethod.POST, "/accounts", new JsonObject().put("org_id", "org_x"));
        assertThat(noOrg.statusCode()).isEqualTo(404);
        assertThat(error(noOrg).getString("param")).isEqualTo("org_id");

        HttpResponse<Buffer> badStatus = call(HttpMethod.PATCH, "/accounts/acct_x", new JsonObject().put("status", "x"));
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(call(HttpMethod.PATCH, "/accounts/acct_x", new JsonObject().put("status", "active")).statusCode())
                .isEqualTo(404);
        assertThat(call(HttpMethod.POST, "/keys/key_x/revoke", null).statusCode()).isEqualTo(404);
        assertThat(call(HttpMethod.GET, "/accounts/acct_x/keys", null).statusCode()).isEqualTo(404);
        HttpResponse<Buffer> unknown = call(HttpMethod.GET, "/nothing-here", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown).getString("code")).isEqualTo("unknown_url");
        assertThat(unknown.bodyAsString()).doesNotContain("Exception");
    }

    @Test
    void tiersCanBeReadAndReplaced() throws Exception {
        assertThat(call(HttpMethod.GET, "/tiers", null).bodyAsJsonObject().getJsonArray("data")).hasSize(6);
        JsonObject limits = new JsonObject().put("requests_per_minute", 20).put("input_tokens_per_minute", 50_000)
                .put("output_tokens_per_minute", 5_000).put("output_tokens_per_day", 100_000)
                .put("max_tokens_ceiling", 2_048);
        HttpResponse<Buffer> put = call(HttpMethod.PUT, "/tiers/probation", limits);
        assertThat(put.statusCode()).isEqualTo(200);
        JsonObject got = call(HttpMethod.GET, "/tiers/probation", null).bodyAsJsonObject();
        assertThat(got.getLong("output_tokens_per_day")).isEqualTo(100_000L);
        assertThat(registry.tier("probation")).get().extracting(t -> t.maxTokensCeiling()).isEqualTo(2_048);
        HttpResponse<Buffer> zero = call(HttpMethod.PUT, "/tiers/probation", limits.copy().put("requests_per_minute", 0));
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(error(zero).getString("param")).isEqualTo("requests_per_minute");
        assertThat(call(HttpMethod.GET, "/tiers/gold", null).statusCode()).isEqualTo(404);
    }

    @Test
    void importTakesYamlAndCsv() throws Exception {
        String yaml = "orgs:\n  - {id: org_y, name: Y}\naccounts:\n  - {id: acct_y, org: org_y, tier: tier-2}\n"
                + "keys:\n  - {id: key_y, account: acct_y}\n";
        HttpResponse<Buffer> ok = await(client.post("/admin/import").bearerTokenAuthentication(TOKEN)
                .putHeader("Content-Type", "application/yaml").sendBuffer(Buffer.buffer(yaml)));
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonObject report = ok.bodyAsJsonObject();
        assertThat(report.getInteger("created")).isEqualTo(3);
        String secret = report.getJsonArray("issued_keys").getJsonObject(0).getString("secret");
        assertThat(registry.authenticate(secret)).isInstanceOf(AuthResult.Authenticated.class);

        HttpResponse<Buffer> csv = await(client.post("/admin/import").bearerTokenAuthentication(TOKEN)
                .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(
                        "org_id,account_id,tier\norg_y,acct_y2,tier-2\norg_y,acct_y3,diamond\n")));
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(error(csv).getString("message"))
                .contains("line 3, accounts.tier: tier 'diamond' is neither in the registry nor in this file");
        assertThat(registry.account("acct_y2")).isEmpty();

        HttpResponse<Buffer> json = await(client.post("/admin/import").bearerTokenAuthentication(TOKEN)
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}")));
        assertThat(json.statusCode()).isEqualTo(415);
    }
}
