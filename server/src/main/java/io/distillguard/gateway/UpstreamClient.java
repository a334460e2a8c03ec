package io.distillguard.gateway;

import io.distillguard.config.UpstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's connection to the model API: a pooled, non-blocking Vert.x client with connect and idle timeouts. One
 * per event-loop verticle. Presents the gateway's own upstream key, never the client's.
 */
public final class UpstreamClient {
    /** Request headers that are the gateway's business, not the upstream's. */
    private static final Headers DROPPED = new Headers("host", "authorization", "content-length", "connection",
            "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-authorization", "x-forwarded-for");

    private final HttpClient client;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final String basePath;
    private final String authorization;
    private final UpstreamConfig config;

    public UpstreamClient(Vertx vertx, UpstreamConfig config) {
        this.config = config;
        URI uri = config.uri();
        this.ssl = "https".equals(uri.getScheme());
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.basePath = path.endsWith("/v1") ? path.substring(0, path.length() - 3) : path;
        this.authorization = config.apiKey() == null ? null : "Bearer " + config.apiKey();
        this.client = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        .setConnectTimeout(config.connectTimeoutMs())
                        .setSsl(ssl)
                        .setDecompressionSupported(false))
                .with(new PoolOptions().setHttp1MaxSize(config.maxConnections()))
                .build();
    }

    /**
     * Opens a request for {@code apiPath} (e.g. {@code /v1/chat/completions}) with the client's safe headers copied;
     * the caller sends the body. The idle timeout covers the wait for headers and every gap between chunks.
     */
    public Future<HttpClientRequest> open(HttpMethod method, String apiPath, MultiMap clientHeaders) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(basePath + apiPath)
                .setIdleTimeout(config.idleTimeoutMs());
        return client.request(options).map(req -> {
            for (var h : clientHeaders) {
                if (!DROPPED.contains(h.getKey())) {
                    req.headers().add(h.getKey(), h.getValue());
                }
            }
            if (authorization != null) {
                req.putHeader(HttpHeaders.AUTHORIZATION, authorization);
            }
            return req;
        });
    }

    /** Sends a request with a complete body. */
    public static Future<io.vertx.core.http.HttpClientResponse> send(HttpClientRequest req, Buffer body) {
        return body == null ? req.send() : req.send(body);
    }

    /** True when {@code failure} means the upstream took too long (504) rather than failed (502). */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
                    || (t.getMessage() != null && t.getMessage().contains("timeout period"))) {
                return true;
            }
        }
        return false;
    }

    public Future<Void> close() {
        return client.close();
    }
}
