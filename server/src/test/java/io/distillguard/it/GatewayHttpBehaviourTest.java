package io.distillguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.config.UpstreamConfig;
import io.distillguard.demo.SimulatorConfig;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What a raw HTTP client sees at the edges: routing, bad input, upstream faults, streaming and cancellation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayHttpBehaviourTest {
    @TempDir
    static Path dataDir;
    GatewayFixture gw;
    String key;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        // Paced simulator (fast) so streams take long enough to be cut; an idle timeout short enough that "hang" becomes
        // a 504 soon, yet long enough that a slow answer on a loaded 2-core CI machine is not mistaken for a hang.
        gw = GatewayFixture.start(dataDir, SimulatorConfig.defaults().withTimings(5, 0, 20),
                c -> c.withUpstream(new UpstreamConfig(c.upstream().baseUrl(), null, 2000, 4000, 64))
                        .withServer(c.server().withMaxBodyBytes(64 * 1024)));
        key = gw.newKey();
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gw.baseUrl().replace("/v1", "") + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject error(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonObject e = new JsonObject(r.body()).getJsonObject("error");
        assertThat(e.getString("message")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(e.containsKey("type")).isTrue();
        return e;
    }

    private static final String CHAT = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":20}";

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        HttpResponse<String> r = post("/v1/nope", "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r).getString("message")).contains("/v1/nope");
        HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(m.statusCode()).isEqualTo(405);
        error(m);
    }

    @Test
    void malformedJsonIs400AndMissingModelIs400() throws Exception {
        HttpResponse<String> r = post("/v1/chat/completions", "{\"model\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).getString("type")).isEqualTo("invalid_request_error");
        HttpResponse<String> m = post("/v1/chat/completions", "{\"messages\":[]}");
        assertThat(m.statusCode()).isEqualTo(400);
        assertThat(error(m).getString("param")).isEqualTo("model");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String big = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "a".repeat(100_000) + "\"}]}";
        HttpResponse<String> r = post("/v1/chat/completions", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(error(r).getString("code")).isEqualTo("request_too_large");
    }

    @Test
    void upstreamErrorsBecome502AndHangsBecome504() throws Exception {
        HttpResponse<String> e500 = post("/v1/chat/completions", CHAT, "x-sim-fault", "500");
        assertThat(e500.statusCode()).isEqualTo(502);
        assertThat(error(e500).getString("type")).isEqualTo("server_error");
        HttpResponse<String> reset = post("/v1/chat/completions", CHAT, "x-sim-fault", "reset");
        assertThat(reset.statusCode()).isEqualTo(502);
        error(reset);
        HttpResponse<String> hang = post("/v1/chat/completions", CHAT, "x-sim-fault", "hang");
        assertThat(hang.statusCode()).isEqualTo(504);
        assertThat(error(hang).getString("code")).isEqualTo("gateway_timeout");
    }

    @Test
    void streamsCarryRateLimitHeadersAndArriveChunkByChunk() throws Exception {
        String body = "{\"model\":\"sim-small\",\"stream\":true,\"max_tokens\":30,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).isPresent();
        assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).isPresent();
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        long firstData = -1;
        long lastData = -1;
        int events = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("data: ")) {
                    events++;
                    lastData = System.nanoTime();
                    if (firstData < 0) {
                        firstData = lastData;
                    }
                    assertThat(line).doesNotContain("\"usage\":{");
                }
            }
        }
        assertThat(events).isGreaterThan(3);
        // Paced at 20 ms/token upstream: if the gateway buffered the stream, all events would arrive at once.
        assertThat((lastData - firstData) / 1_000_000).isGreaterThan(100);
    }

    @Test
    void aClientThatDisconnectsCancelsTheUpstreamStream() throws Exception {
        long before = gw.simulator.cancelledStreams();
        String body = "{\"model\":\"sim-small\",\"stream\":true,\"max_tokens\":2000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Write a very long essay\"}]}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            assertThat(in.read(new byte[64])).isPositive();
        } // closing the body aborts the HTTP/1.1 connection
        long deadline = System.currentTimeMillis() + 10_000;
        while (gw.simulator.cancelledStreams() == before && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gw.simulator.cancelledStreams()).isGreaterThan(before);
    }

    @Test
    void healthAndMetricsLiveOnTheAdminPortOnly() throws Exception {
        String admin = "http://127.0.0.1:" + gw.app.adminPort();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(admin + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(admin + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        post("/v1/chat/completions", CHAT);
        String metrics = http.send(HttpRequest.newBuilder(URI.create(admin + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("distillguard_requests_total").contains("distillguard_tokens_total");
        HttpResponse<String> onPublic = http.send(HttpRequest.newBuilder(URI.create(
                gw.baseUrl().replace("/v1", "") + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(onPublic.statusCode()).isEqualTo(404);
    }
}
