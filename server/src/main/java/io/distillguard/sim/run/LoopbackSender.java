package io.distillguard.sim.run;

import io.distillguard.gateway.RequestTimeClock;
import io.distillguard.sim.behaviour.SimRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Sends simulated requests to the gateway over HTTP with a non-blocking Vert.x client (keep-alive pool, many in
 * flight), as a client behind a proxy would: bearer key, X-Forwarded-For, User-Agent, fingerprint header. Reports the
 * status and the completion tokens of the answer.
 */
public final class LoopbackSender implements AutoCloseable {
    /** What came back. */
    public record Reply(int status, int completionTokens) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final String host;
    private final int port;
    private final String basePath;
    private final String fingerprintHeader;

    public LoopbackSender(String baseUrl, int connections, String fingerprintHeader) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        this.basePath = uri.getPath().endsWith("/") ? uri.getPath().substring(0, uri.getPath().length() - 1)
                : uri.getPath();
        this.fingerprintHeader = fingerprintHeader;
        this.vertx = Vertx.vertx();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(60),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /**
     * Sends one request; {@code stamp} (virtual-time runs only, else null) carries its planned time and sequence
     * number to a gateway on a {@link RequestTimeClock}.
     */
    public CompletableFuture<Reply> send(SimRequest request, String key, String ip, String userAgent,
            String fingerprint, RequestTimeClock.Stamp stamp) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
                .setURI(basePath + request.path()).setTimeout(120_000)
                .putHeader("Authorization", "Bearer " + key).putHeader("Content-Type", "application/json")
                .putHeader("X-Forwarded-For", ip).putHeader("User-Agent", userAgent);
        if (fingerprint != null && fingerprintHeader != null) {
            options.putHeader(fingerprintHeader, fingerprint);
        }
        if (stamp != null) {
            options.putHeader(RequestTimeClock.HEADER, stamp.header());
        }
        Buffer body = request.body().toBuffer();
        Future<Reply> reply = client.request(options)
                .compose(req -> req.send(body))
                .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(),
                        resp.statusCode() == 200 ? completionTokens(b) : 0)));
        return reply.toCompletionStage().toCompletableFuture();
    }

    private static int completionTokens(Buffer body) {
        try {
            JsonObject usage = new JsonObject(body).getJsonObject("usage");
            return usage == null ? 0 : usage.getInteger("completion_tokens", 0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        client.close().await();
        vertx.close().await();
    }
}
