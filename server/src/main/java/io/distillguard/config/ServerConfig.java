package io.distillguard.config;

/**
 * Where the gateway listens. The public API port serves {@code /v1/*} only; the admin port serves the admin API,
 * metrics, health and (later) the console, and should not be exposed to customers.
 *
 * @param host         bind address
 * @param port         public API port (0 = any free port)
 * @param adminHost    admin bind address
 * @param adminPort    admin port (0 = any free port)
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 * @param eventLoops   event-loop verticle instances (0 = one per core)
 */
public record ServerConfig(String host, int port, String adminHost, int adminPort, int maxBodyBytes, int eventLoops) {

    public ServerConfig {
        host = host == null ? "127.0.0.1" : host;
        adminHost = adminHost == null ? "127.0.0.1" : adminHost;
        Check.range("server.port", port, 0, 65535);
        Check.range("server.adminPort", adminPort, 0, 65535);
        maxBodyBytes = maxBodyBytes == 0 ? 4 * 1024 * 1024 : maxBodyBytes;
        Check.range("server.maxBodyBytes", maxBodyBytes, 1024, 512 * 1024 * 1024);
        Check.range("server.eventLoops", eventLoops, 0, 256);
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, 8080, null, 8081, 0, 0);
    }

    public ServerConfig withPorts(int newPort, int newAdminPort) {
        return new ServerConfig(host, newPort, adminHost, newAdminPort, maxBodyBytes, eventLoops);
    }

    public ServerConfig withMaxBodyBytes(int bytes) {
        return new ServerConfig(host, port, adminHost, adminPort, bytes, eventLoops);
    }
}
