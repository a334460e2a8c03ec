package io.distillguard.demo;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * One API request in flight: its fault plan, its single pending timer and its bookkeeping. Counts itself in
 * {@code inFlight} until the response ends or the connection closes; a stream whose client goes away before it
 * finished counts as cancelled and its timer is cancelled, so generation stops. Used on its event loop only.
 */
final class Exchange {

    private final RoutingContext ctx;
    private final Vertx vertx;
    private final SimulatorStats stats;
    private final FaultPlan fault;
    private final boolean pacing;
    private boolean released;
    private boolean streaming;
    private boolean resetByFault;
    private long timerId = -1;

    Exchange(RoutingContext ctx, Vertx vertx, SimulatorStats stats, FaultPlan fault, boolean pacing) {
        this.ctx = ctx;
        this.vertx = vertx;
        this.stats = stats;
        this.fault = fault;
        this.pacing = pacing;
        stats.inFlight.incrementAndGet();
        stats.requests.incrementAndGet();
        HttpServerResponse response = ctx.response();
        response.endHandler(v -> release());
        response.closeHandler(v -> onClose());
    }

    FaultPlan fault() {
        return fault;
    }

    boolean pacing() {
        return pacing;
    }

    SimulatorStats stats() {
        return stats;
    }

    /** True once the response ended or the connection closed: nothing more may be written. */
    boolean closed() {
        return released;
    }

    /** Runs {@code action} after {@code delayMs} (at once when 0) unless the client goes away first. */
    void schedule(long delayMs, Runnable action) {
        if (released) {
            return;
        }
        if (delayMs <= 0) {
            action.run();
            return;
        }
        timerId = vertx.setTimer(delayMs, id -> {
            timerId = -1;
            if (!released) {
                action.run();
            }
        });
    }

    void reply(ApiError error) {
        if (!released) {
            ctx.response().setStatusCode(error.status()).putHeader("content-type", "application/json")
                    .end(error.toJson().encode());
        }
    }

    /** Sends a JSON body after {@code delayMs}; with the reset fault only half of it, then the connection closes. */
    void replyJson(JsonObject body, long delayMs) {
        schedule(delayMs, () -> {
            String json = body.encode();
            HttpServerResponse response = ctx.response().putHeader("content-type", "application/json");
            if (fault.reset()) {
                response.setChunked(true).write(json.substring(0, json.length() / 2));
                resetConnection();
            } else {
                response.end(json);
            }
        });
    }

    /** Opens an SSE response. */
    HttpServerResponse openStream() {
        streaming = true;
        return ctx.response().setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache");
    }

    void resetConnection() {
        resetByFault = true;
        ctx.response().reset(); // HTTP/1.x: closes the connection at once (close() may drain gracefully first)
    }

    private void onClose() {
        if (!released && streaming && !resetByFault) {
            stats.cancelledStreams.incrementAndGet();
        }
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
        release();
    }

    private void release() {
        if (!released) {
            released = true;
            stats.inFlight.decrementAndGet();
        }
    }
}
