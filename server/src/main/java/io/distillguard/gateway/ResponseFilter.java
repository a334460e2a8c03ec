package io.distillguard.gateway;

import io.vertx.core.json.JsonObject;

/**
 * One step of the gateway on the way back. A whole response passes through {@link #onBody}; a streamed one passes
 * event by event through {@link #onEvent} and is flushed to the client after each event, so a filter that works on
 * events never holds a stream back. {@link #onComplete} runs exactly once per request, however it ended (success,
 * error, client gone), for settling and metering. Runs on the event loop: never block.
 */
public interface ResponseFilter {

    /** Whether this filter must see the whole body, or works event by event on streams. */
    enum BodyMode { WHOLE, EVENTS }

    default BodyMode mode() {
        return BodyMode.EVENTS;
    }

    /**
     * A whole (non-streamed) 2xx JSON body; return it, a changed copy, or the same object changed in place and call
     * {@link Exchange#markResponseModified()} (an unchanged body goes to the client as the upstream's bytes).
     */
    default JsonObject onBody(Exchange exchange, JsonObject body) {
        return body;
    }

    /** One event of a stream; return it, a replacement, or null to drop it. */
    default SseEvent onEvent(Exchange exchange, SseEvent event) {
        return event;
    }

    /** The request is over (any outcome); {@link Exchange#status} holds what the client got. */
    default void onComplete(Exchange exchange) {}
}
