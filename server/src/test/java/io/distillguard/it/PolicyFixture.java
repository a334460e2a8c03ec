package io.distillguard.it;

import io.distillguard.app.DistillGuardApp;
import io.distillguard.config.GatewayConfig;
import io.distillguard.demo.SimulatorConfig;
import io.distillguard.event.UsageEvent;
import io.distillguard.registry.NewAccount;
import io.distillguard.registry.Tier;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A gateway for policy tests: accounts can be linked to a shared entity, every usage event is captured, and the admin
 * API is called over real HTTP with the admin token.
 */
final class PolicyFixture implements AutoCloseable {
    private static final AtomicInteger ORGS = new AtomicInteger();
    final GatewayFixture gw;
    final Map<String, String> links = new ConcurrentHashMap<>();
    final List<UsageEvent> events = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /** A caller: its secret and the ids decisions are scoped to. */
    record Customer(String secret, String keyId, String accountId, String entityId) {}

    /** An admin answer. */
    record Answer(int status, JsonObject body) {}

    private PolicyFixture(Path dataDir, UnaryOperator<GatewayConfig> customize) throws Exception {
        var options = new DistillGuardApp.Options(Clock.systemUTC(),
                account -> links.getOrDefault(account, "ent_" + account), List.of(events::add));
        this.gw = GatewayFixture.start(dataDir, SimulatorConfig.instant(), customize, options);
    }

    static PolicyFixture start(Path dataDir, UnaryOperator<GatewayConfig> customize) throws Exception {
        return new PolicyFixture(dataDir, customize);
    }

    /** A new organisation and account on {@code tier}, linked to {@code entity} (null: its own entity), and a key. */
    Customer customer(Tier tier, String entity) {
        var registry = gw.app.registry();
        registry.putTier(tier).orElseThrow();
        var org = registry.createOrg(null, "policy-org-" + ORGS.incrementAndGet()).orElseThrow();
        var account = registry.createAccount(new NewAccount(null, org.id(), tier.name(), "example.com", null, null,
                "web", false)).orElseThrow();
        if (entity != null) {
            links.put(account.id(), entity);
        }
        var key = registry.createKey(account.id(), "policy-test").orElseThrow();
        return new Customer(key.secret(), key.key().id(), account.id(),
                entity != null ? entity : "ent_" + account.id());
    }

    Customer customer() {
        return customer(GatewayFixture.roomy("roomy"), null);
    }

    Answer admin(String method, String path, JsonObject body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.app.adminPort() + path))
                .header("Authorization", "Bearer " + gw.app.adminToken())
                .header("Content-Type", "application/json");
        req.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode()));
        HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(resp.statusCode(), resp.body().isEmpty() ? new JsonObject() : new JsonObject(resp.body()));
    }

    String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.app.adminPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Applies a manual action through the admin API; returns the decision JSON. */
    JsonObject act(String scope, String id, String action, JsonObject params, String mode) throws Exception {
        JsonObject body = new JsonObject().put("scope", scope).put("id", id).put("action", action)
                .put("params", params).put("duration", "1h").put("reason", "test case").put("operator", "alice");
        if (mode != null) {
            body.put("mode", mode);
        }
        Answer a = admin("POST", "/admin/actions", body);
        if (a.status() != 201) {
            throw new AssertionError("action refused: " + a);
        }
        return a.body();
    }

    @Override
    public void close() {
        gw.close();
    }
}
