package io.distillguard.gateway;

import io.distillguard.metering.RequestReader;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * One request's trip through the gateway: request filters, forward, response filters (whole body or event by event,
 * flushed per event, with backpressure), and the completion hooks exactly once, whatever happened: success, upstream
 * error (502), upstream timeout (504), client gone (the upstream request is cancelled).
 */
final class ProxyCall {
    private static final Headers HOP_BY_HOP = new Headers("connection", "keep-alive", "transfer-encoding",
            "content-length", "te", "trailer", "upgrade", "proxy-authenticate");

    private final HttpServerRequest req;
    private final HttpServerResponse out;
    private final Exchange ex;
    private final FilterChain chain;
    private final UpstreamClient upstream;
    private HttpClientRequest upstreamRequest;

    ProxyCall(HttpServerRequest req, Exchange ex, FilterChain chain, UpstreamClient upstream) {
        this.req = req;
        this.out = req.response();
        this.ex = ex;
        this.chain = chain;
        this.upstream = upstream;
    }

    /** Answers with {@code error} before any filter ran (bad body); still metered as one request. */
    void rejectEarly(ErrorResponse error) {
        if (error.error() == ApiError.BODY_TOO_LARGE && req.version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            out.putHeader(HttpHeaders.CONNECTION, "close"); // the rest of the body is not read
        }
        fail(error);
    }

    /** The client went away before its request was complete. */
    void clientAborted(String code) {
        ex.status = 499;
        ex.errorCode = code;
        chain.complete(ex);
    }

    void start(GatewayHandler.ParsedBody body) {
        if (body != null) {
            ex.body = body.json();
            ex.prompt = RequestReader.prompt(ex.endpoint, ex.body);
            ex.params = RequestReader.params(ex.endpoint, ex.body);
            ex.model = ex.body.getValue("model") instanceof String m ? m : null;
            if (ex.model == null) {
                fail(ApiError.INVALID_REQUEST.withMessage("you must provide a model parameter", "model"));
                return;
            }
        }
        FilterOutcome outcome;
        try {
            outcome = chain.runRequest(ex);
        } catch (RuntimeException e) {
            internalError(e);
            return;
        }
        if (outcome instanceof FilterOutcome.Later later) { // e.g. limits in Redis: go on when they answered
            later.outcome().onComplete(decided -> {
                if (decided.failed()) {
                    internalError(decided.cause() instanceof RuntimeException r ? r
                            : new IllegalStateException(decided.cause()));
                } else if (out.closed()) {
                    clientGone();
                } else {
                    proceed(body, decided.result());
                }
            });
            return;
        }
        proceed(body, outcome);
    }

    private void proceed(GatewayHandler.ParsedBody body, FilterOutcome outcome) {
        if (outcome instanceof FilterOutcome.Reject r) {
            fail(r.error());
            return;
        }
        Buffer payload = body == null ? null : ex.bodyModified() ? ex.body.toBuffer() : body.raw();
        out.closeHandler(v -> clientGone());
        if (ex.forwardDelayMillis > 0) { // throttle: hold the request on a timer, never block the event loop
            io.vertx.core.Vertx.currentContext().owner().setTimer(ex.forwardDelayMillis, id -> forward(payload));
        } else {
            forward(payload);
        }
    }

    private void forward(Buffer payload) {
        if (ex.completed) { // client left while the request was held
            return;
        }
        ex.forwarded = true;
        upstream.open(req.method(), req.path(), req.headers()).onComplete(opened -> {
            if (opened.failed()) {
                upstreamFailed(opened.cause());
                return;
            }
            upstreamRequest = opened.result();
            if (ex.completed) { // client left while we connected
                upstreamRequest.reset();
                return;
            }
            UpstreamClient.send(upstreamRequest, payload).onComplete(ar -> {
                if (ar.failed()) {
                    upstreamFailed(ar.cause());
                } else {
                    onResponse(ar.result());
                }
            });
        });
    }

    private void onResponse(HttpClientResponse resp) {
        if (ex.completed) {
            return;
        }
        int status = resp.statusCode();
        if (status >= 500) {
            resp.body().onComplete(ignored -> fail(ApiError.UPSTREAM_ERROR.withMessage(
                    "The model API behind this gateway failed (HTTP " + status + "). Please retry.")));
            return;
        }
        String type = resp.getHeader(HttpHeaders.CONTENT_TYPE);
        if (status == 200 && type != null && Headers.startsWith(type, "text/event-stream")) {
            stream(resp);
        } else {
            whole(resp, status, type);
        }
    }

    private void whole(HttpClientResponse resp, int status, String type) {
        resp.body().onComplete(ar -> {
            if (ar.failed()) {
                upstreamFailed(ar.cause());
                return;
            }
            if (ex.completed) {
                return;
            }
            Buffer raw = ar.result();
            Buffer body = raw;
            try {
                JsonObject json = type != null && type.contains("json") && raw.length() > 0 ? GatewayJson.object(raw)
                        : null;
                if (json != null && status < 300) {
                    JsonObject filtered = chain.runBody(ex, json);
                    if (ex.responseModified()) {
                        body = filtered.toBuffer(); // else the upstream's bytes go out as they came
                    }
                } else if (json != null && json.getValue("error") instanceof JsonObject err) {
                    ex.errorCode = err.getValue("code") instanceof String c ? c : String.valueOf(err.getValue("type"));
                }
            } catch (RuntimeException e) {
                if (status < 300) {
                    internalError(e);
                    return;
                }
            }
            copyHeaders(resp.headers());
            out.setStatusCode(status);
            ex.status = status;
            chain.complete(ex); // settle and meter before the client can see the last byte and send again
            out.end(body);
        });
    }

    private void stream(HttpClientResponse resp) {
        copyHeaders(resp.headers());
        out.setStatusCode(200).setChunked(true);
        out.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        ex.status = 200;
        SseParser parser = new SseParser();
        resp.handler(chunk -> {
            if (ex.completed) {
                return;
            }
            try {
                for (SseEvent e : parser.feed(chunk)) {
                    emit(e);
                }
            } catch (RuntimeException e) {
                GatewayHandler.log().error("stream processing failed for {}", ex.requestId, e);
                endStreamWithError("stream_processing_error", "The gateway could not process the stream.");
                return;
            }
            if (out.writeQueueFull()) {
                resp.pause();
                out.drainHandler(v -> resp.resume());
            }
        });
        resp.exceptionHandler(err -> {
            boolean timeout = UpstreamClient.isTimeout(err);
            endStreamWithError(timeout ? "upstream_timeout" : "upstream_reset", timeout
                    ? "The model API stopped sending data (timeout)." : "The model API closed the stream early.");
        });
        resp.endHandler(v -> {
            if (ex.completed) {
                return;
            }
            SseEvent last = parser.finish();
            if (last != null) {
                emit(last);
            }
            chain.complete(ex);
            out.end();
        });
    }

    private void emit(SseEvent event) {
        SseEvent e = chain.runEvent(ex, event);
        if (e != null) {
            out.write(e.raw());
        }
    }

    /** Mid-stream failure: the status line is gone, so tell the client with an error event, as OpenAI does. */
    private void endStreamWithError(String code, String message) {
        if (ex.completed) {
            return;
        }
        ex.errorCode = code;
        JsonObject err = ApiError.UPSTREAM_ERROR.withMessage(message).body();
        err.getJsonObject("error").put("code", code);
        if (!out.closed()) {
            out.write(Buffer.buffer("data: " + err.encode() + "\n\n"));
            out.end();
        }
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
        chain.complete(ex);
    }

    private void clientGone() {
        if (ex.completed) {
            return;
        }
        ex.status = 499;
        ex.errorCode = "client_closed_request";
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
        chain.complete(ex);
    }

    private void upstreamFailed(Throwable cause) {
        if (ex.completed) {
            return;
        }
        boolean timeout = UpstreamClient.isTimeout(cause);
        if (out.headWritten()) {
            endStreamWithError(timeout ? "upstream_timeout" : "upstream_reset", "The model API failed mid-response.");
            return;
        }
        GatewayHandler.log().atWarn().addKeyValue("request_id", ex.requestId)
                .addKeyValue("cause", String.valueOf(cause.getMessage())).log("upstream failed");
        fail(timeout
                ? ApiError.UPSTREAM_TIMEOUT.withMessage("The model API did not answer in time. Please retry.")
                : ApiError.UPSTREAM_ERROR.withMessage("The model API could not be reached or reset the connection."));
    }

    private void internalError(RuntimeException e) {
        GatewayHandler.log().error("internal error on {}", ex.requestId, e);
        fail(ApiError.INTERNAL.withMessage("The gateway had an internal error (request " + ex.requestId + ")."));
    }

    private void fail(ErrorResponse error) {
        if (ex.completed) {
            return;
        }
        ex.status = error.status();
        ex.errorCode = error.error().code() != null ? error.error().code() : error.error().type();
        Responses.logRejected(ex, error);
        chain.complete(ex);
        Responses.write(out, error, ex.responseHeaders);
    }

    private void copyHeaders(MultiMap upstreamHeaders) {
        for (var h : upstreamHeaders) {
            String name = h.getKey();
            if (!HOP_BY_HOP.contains(name) && !Headers.startsWith(name, "x-ratelimit-")) {
                out.headers().add(h.getKey(), h.getValue());
            }
        }
        ex.responseHeaders.forEach(out::putHeader);
    }
}
