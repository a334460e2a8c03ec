package io.distillguard.gateway;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes OpenAI-style error responses, with one structured log line each and never a stack trace. */
public final class Responses {
    private static final Logger LOG = LoggerFactory.getLogger("io.distillguard.gateway.errors");

    private Responses() {}

    /** Answers a request that never became an exchange (unknown path, wrong method). */
    public static void standalone(HttpServerRequest req, ErrorResponse error) {
        LOG.atInfo().addKeyValue("status", error.status()).addKeyValue("method", req.method().name())
                .addKeyValue("path", req.path()).log(error.message());
        write(req.response(), error, Map.of());
    }

    /** Writes {@code error} plus {@code extraHeaders}; does nothing when the response already started. */
    public static void write(HttpServerResponse response, ErrorResponse error, Map<String, String> extraHeaders) {
        if (response.headWritten() || response.closed()) {
            return;
        }
        response.setStatusCode(error.status());
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        extraHeaders.forEach(response::putHeader);
        error.headers().forEach(response::putHeader);
        response.end(error.body().toBuffer());
    }

    static void logRejected(Exchange ex, ErrorResponse error) {
        LOG.atInfo().addKeyValue("request_id", ex.requestId).addKeyValue("status", error.status())
                .addKeyValue("code", error.error().code()).addKeyValue("endpoint", ex.endpoint.path())
                .addKeyValue("client_ip", ex.clientIp)
                .addKeyValue("account", ex.principal == null ? null : ex.principal.account().id())
                .log(error.message());
    }
}
