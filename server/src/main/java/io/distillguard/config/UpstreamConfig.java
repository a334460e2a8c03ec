package io.distillguard.config;

import java.net.URI;

/**
 * The model API behind the gateway.
 *
 * @param baseUrl          OpenAI-compatible base URL including {@code /v1}, e.g. {@code https://api.example.com/v1}
 * @param apiKey           key the gateway presents upstream (clients' keys never leave the gateway); may be null
 * @param connectTimeoutMs connection timeout
 * @param idleTimeoutMs    longest silence from the upstream (before the first byte or between chunks) before the
 *                         request fails with 504 (or an error event mid-stream)
 * @param maxConnections   connection pool size per event loop
 */
public record UpstreamConfig(String baseUrl, String apiKey, int connectTimeoutMs, int idleTimeoutMs, int maxConnections) {

    public UpstreamConfig {
        baseUrl = baseUrl == null ? "http://127.0.0.1:8090/v1" : baseUrl.replaceAll("/+$", "");
        URI uri = URI.create(baseUrl);
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("upstream.baseUrl must be an http(s) URL, got " + baseUrl);
        }
        connectTimeoutMs = connectTimeoutMs == 0 ? 5_000 : connectTimeoutMs;
        idleTimeoutMs = idleTimeoutMs == 0 ? 120_000 : idleTimeoutMs;
        maxConnections = maxConnections == 0 ? 512 : maxConnections;
        Check.range("upstream.connectTimeoutMs", connectTimeoutMs, 1, 600_000);
        Check.range("upstream.idleTimeoutMs", idleTimeoutMs, 1, 3_600_000);
        Check.range("upstream.maxConnections", maxConnections, 1, 100_000);
    }

    public static UpstreamConfig defaults() {
        return new UpstreamConfig(null, null, 0, 0, 0);
    }

    public UpstreamConfig withBaseUrl(String url) {
        return new UpstreamConfig(url, apiKey, connectTimeoutMs, idleTimeoutMs, maxConnections);
    }

    public UpstreamConfig withIdleTimeoutMs(int ms) {
        return new UpstreamConfig(baseUrl, apiKey, connectTimeoutMs, ms, maxConnections);
    }

    public URI uri() {
        return URI.create(baseUrl);
    }
}
