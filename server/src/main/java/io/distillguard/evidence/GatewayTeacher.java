package io.distillguard.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillguard.app.DistillGuardApp;
import io.distillguard.config.GatewayConfig;
import io.distillguard.config.MeteringConfig;
import io.distillguard.config.ServerConfig;
import io.distillguard.config.UpstreamConfig;
import io.distillguard.config.WatermarkSettings;
import io.distillguard.registry.NewAccount;
import io.distillguard.registry.Tier;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * The teacher as the distiller sees it: a real DistillGuard gateway (watermark on, scope ALL) in front of a
 * {@link ReplayUpstream} that answers with the teacher's real texts, queried over HTTP with one API key whose account
 * the entity resolver assigns to {@link DistillationExperiment#MARKED_ENTITY}. What the experiment measures is then
 * the gateway's own watermarking.
 */
public final class GatewayTeacher implements OutputSource, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx upstreamVertx;
    private final ReplayUpstream upstream;
    private final DistillGuardApp gateway;
    private final String apiKey;
    private final HttpClient http = HttpClient.newHttpClient();

    private GatewayTeacher(Vertx upstreamVertx, ReplayUpstream upstream, DistillGuardApp gateway, String apiKey) {
        this.upstreamVertx = upstreamVertx;
        this.upstream = upstream;
        this.gateway = gateway;
        this.apiKey = apiKey;
    }

    /** Starts the replay upstream and the gateway (data and key file under {@code workDir}). */
    public static GatewayTeacher start(TeacherCorpus corpus, byte[] globalKey, double strength, Path workDir)
            throws Exception {
        Files.createDirectories(workDir);
        Path keyFile = Files.writeString(workDir.resolve("watermark.key"), HexFormat.of().formatHex(globalKey));
        Vertx vertx = Vertx.vertx();
        ReplayUpstream upstream = new ReplayUpstream(corpus.responses());
        int port = upstream.start(vertx, "127.0.0.1", 0).await();
        GatewayConfig config = GatewayConfig.defaults()
                .withServer(ServerConfig.defaults().withPorts(0, 0))
                .withUpstream(UpstreamConfig.defaults().withBaseUrl("http://127.0.0.1:" + port + "/v1"))
                .withMetering(MeteringConfig.defaults().withDataDir(workDir.resolve("data").toString())
                        .withRetention(MeteringConfig.Retention.NONE))
                .withWatermark(new WatermarkSettings(true, keyFile.toString(), WatermarkSettings.Scope.ALL, strength));
        DistillGuardApp app = DistillGuardApp.start(config, new DistillGuardApp.Options(Clock.systemUTC(),
                account -> DistillationExperiment.MARKED_ENTITY, List.of()));
        Tier tier = new Tier("experiment", 1_000_000, 1_000_000_000L, 1_000_000_000L, 1_000_000_000L, 4096);
        app.registry().putTier(tier).orElseThrow();
        var org = app.registry().createOrg(null, "distiller-org").orElseThrow();
        var account = app.registry().createAccount(new NewAccount(null, org.id(), tier.name(), "example.com", null,
                null, "web", false)).orElseThrow();
        String key = app.registry().createKey(account.id(), "experiment").orElseThrow().secret();
        return new GatewayTeacher(vertx, upstream, app, key);
    }

    /** Sends the prompt as one user message through the gateway and returns the answer's text. */
    @Override
    public String respond(String prompt) {
        ObjectNode body = JSON.createObjectNode().put("model", "teacher");
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                            + "/chat/completions"))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("gateway answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body());
            return answer.path("choices").path(0).path("message").path("content").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        upstream.close();
        upstreamVertx.close().await();
    }
}
