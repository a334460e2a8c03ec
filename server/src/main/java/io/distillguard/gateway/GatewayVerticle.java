package io.distillguard.gateway;

import io.distillguard.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.util.function.Function;

/**
 * One event loop's share of the public API port: its own upstream connection pool and filter chain (filters share
 * the thread-safe registry, quotas and metering pipeline). Deployed once per core; Vert.x balances connections across
 * the instances listening on the same port.
 */
public final class GatewayVerticle extends VerticleBase {
    private final GatewayConfig config;
    private final int port;
    private final Function<UpstreamClient, FilterChain> chainFactory;
    private final Clock clock;
    private UpstreamClient upstream;
    private HttpServer server;

    public GatewayVerticle(GatewayConfig config, int port, Function<UpstreamClient, FilterChain> chainFactory,
            Clock clock) {
        this.config = config;
        this.port = port;
        this.chainFactory = chainFactory;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        upstream = new UpstreamClient(vertx, config.upstream());
        GatewayHandler handler = new GatewayHandler(chainFactory.apply(upstream), upstream,
                new ClientAddressResolver(config.identity().trustedProxies().stream().map(Cidr::parse).toList()),
                config.identity().fingerprintHeader(), config.server().maxBodyBytes(), clock);
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.server().host())
                        .setPort(port)
                        .setTcpNoDelay(true)
                        .setIdleTimeout(300)
                        .setMaxInitialLineLength(8192)
                        // Requests are handled on the connection's event loop without Vert.x's inbound/outbound
                        // message queues (every handler and write of this gateway runs on that loop), and no
                        // WebSocket extension handler sits in the pipeline of every connection (no WebSockets here).
                        .setStrictThreadMode(true)
                        .setPerFrameWebSocketCompressionSupported(false)
                        .setPerMessageWebSocketCompressionSupported(false))
                .requestHandler(handler);
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture()
                : server.close().eventually(() -> upstream.close());
    }
}
