package io.distillguard.sim.run;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The harness's client of a running gateway's admin REST API ({@code /admin/...}, bearer admin token): what it needs
 * to provision a scenario (tiers, organisations, accounts, keys, allowlist) and to read back what the gateway did
 * (alerts, entities with members and risk, decisions in force). Errors carry the endpoint and the gateway's answer.
 */
public final class RemoteAdmin implements AutoCloseable {
    /** A non-2xx answer. */
    public static final class AdminError extends IOException {
        private final int status;

        AdminError(String what, int status, String body) {
            super(what + " -> HTTP " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;

    /** {@code adminUrl}: the admin listener's root, e.g. {@code http://127.0.0.1:8081}. */
    public RemoteAdmin(String adminUrl, String token) {
        this.base = adminUrl.endsWith("/") ? adminUrl.substring(0, adminUrl.length() - 1) : adminUrl;
        this.token = token;
    }

    JsonObject get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    JsonObject post(String path, JsonObject body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    JsonObject put(String path, JsonObject body) throws IOException, InterruptedException {
        return send("PUT", path, body);
    }

    /** POST that treats "already exists" (409) as done: provisioning twice against one gateway is allowed. */
    void create(String path, JsonObject body) throws IOException, InterruptedException {
        try {
            post(path, body);
        } catch (AdminError e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    private JsonObject send(String method, String path, JsonObject body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/admin" + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode()));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new AdminError(method + " /admin" + path, r.statusCode(), r.body());
        }
        return r.body().isBlank() ? new JsonObject() : new JsonObject(r.body());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The {@code data} array of a list answer. */
    static JsonArray data(JsonObject list) {
        JsonArray a = list.getJsonArray("data");
        return a == null ? new JsonArray() : a;
    }

    @Override
    public void close() {
        http.close();
    }
}
