package io.distillguard.sim.run;

import io.distillguard.gateway.RequestTimeClock;
import io.distillguard.sim.behaviour.SimRequest;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LoopbackSender.class);

    private final Vertx vertx;
    private final HttpClient client;
    private final String host;
    private final int port;
    private final String basePath;
    private final String fingerprintHeader;
    private final io.vertx.core.Context context;

    public LoopbackSender(String baseUrl, int connections, String fingerprintHeader) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        this.basePath = uri.getPath().endsWith("/") ? uri.getPath().substring(0, uri.getPath().length() - 1)
                : uri.getPath();
        this.fingerprintHeader = fingerprintHeader;
        this.vertx = Vertx.vertx();
        this.context = vertx.getOrCreateContext();
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
        // The exchange runs on the client's event loop: composed from another thread, a response's body could end
        // before the handler that reads it is set (a 200 with an empty body).
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        context.runOnContext(v -> client.request(options)
                .compose(req -> req.send(body))
                .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(),
                        resp.statusCode() == 200 ? completionTokens(b) : 0)))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        reply.complete(ar.result());
                    } else {
                        reply.completeExceptionally(ar.cause());
                    }
                }));
        return reply;
    }

    private static int completionTokens(Buffer body) {
        try {
            JsonObject usage = new JsonObject(body).getJsonObject("usage");
            if (usage == null) {
                LOG.warn("a 200 answer without usage: {}", abbreviate(body));
            }
            return usage == null ? 0 : usage.getInteger("completion_tokens", 0);
        } catch (RuntimeException e) {
            LOG.warn("a 200 answer that is not JSON ({}): {}", e.toString(), abbreviate(body));
            return 0;
        }
    }

    private static String abbreviate(Buffer body) {
        String s = body.toString();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Override
    public void close() {
        client.close().await();
        vertx.close().await();
    }
}
