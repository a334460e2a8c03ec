package io.distillguard.demo;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A server-sent-event answer laid out in ticks: the first tick goes out after the time to first token, each further
 * tick one inter-token interval later (all at once without pacing). Frames are {@code data: <json>\n\n}, optionally
 * preceded by an {@code event:} line as the Responses API sends them. With the reset fault the connection closes after
 * a few ticks; when the client goes away the pending timer is cancelled and nothing more is generated.
 */
final class SseStream {

    private static final int TICKS_BEFORE_RESET = 3;

    private final Exchange exchange;
    private final List<StringBuilder> ticks = new ArrayList<>();
    private final List<Integer> frames = new ArrayList<>();
    private HttpServerResponse response;
    private long interTokenMs;
    private int next;

    SseStream(Exchange exchange) {
        this.exchange = exchange;
    }

    /** Starts a new tick; following frames go out together with it. */
    SseStream tick() {
        ticks.add(new StringBuilder());
        frames.add(0);
        return this;
    }

    SseStream data(JsonObject json) {
        return frame("data: " + json.encode() + "\n\n");
    }

    SseStream event(String type, JsonObject json) {
        return frame("event: " + type + "\ndata: " + json.encode() + "\n\n");
    }

    SseStream done() {
        return frame("data: [DONE]\n\n");
    }

    private SseStream frame(String frame) {
        if (ticks.isEmpty()) {
            tick();
        }
        int last = ticks.size() - 1;
        ticks.get(last).append(frame);
        frames.set(last, frames.get(last) + 1);
        return this;
    }

    /** Sends the ticks: the first after {@code ttftMs}, then one every {@code interTokenMs}. */
    void start(long ttftMs, long interTokenMs) {
        this.interTokenMs = interTokenMs;
        response = exchange.openStream();
        exchange.schedule(ttftMs, this::sendNext);
    }

    private void sendNext() {
        if (exchange.closed()) {
            return;
        }
        int resetAt = exchange.fault().reset() ? Math.min(TICKS_BEFORE_RESET, ticks.size() - 1) : ticks.size();
        int upTo = interTokenMs > 0 ? Math.min(next + 1, resetAt) : resetAt;
        StringBuilder batch = new StringBuilder();
        int frameCount = 0;
        for (; next < upTo; next++) {
            batch.append(ticks.get(next));
            frameCount += frames.get(next);
        }
        if (!batch.isEmpty()) {
            response.write(batch.toString());
            exchange.stats().streamedChunks.addAndGet(frameCount);
        }
        if (next == ticks.size()) {
            response.end();
        } else if (next >= resetAt) {
            exchange.resetConnection();
        } else {
            exchange.schedule(interTokenMs, this::sendNext);
        }
    }
}
