package io.distillguard.gateway.filter;

import io.distillguard.gateway.Exchange;
import io.distillguard.gateway.ResponseFilter;
import io.distillguard.gateway.SseEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Feeds the response, whole or event by event, to the exchange's meter (usage, text, time to first token) and drops
 * the usage-only chunk that {@link StreamUsageFilter} asked for on the client's behalf. First in the response chain, so
 * it sees what the upstream sent before any transformation.
 */
public final class UsageCaptureFilter implements ResponseFilter {

    @Override
    public JsonObject onBody(Exchange ex, JsonObject body) {
        ex.meter.onBody(body);
        return body;
    }

    @Override
    public SseEvent onEvent(Exchange ex, SseEvent event) {
        JsonObject json = event.json();
        if (json == null) {
            return event;
        }
        if (ex.meter.onEvent(event.eventName(), json) && ex.ttftMillis < 0) {
            ex.ttftMillis = (System.nanoTime() - ex.startNanos) / 1_000_000;
        }
        if (ex.usageChunkInjected && json.getValue("usage") instanceof JsonObject
                && json.getValue("choices") instanceof JsonArray choices && choices.isEmpty()) {
            return null;
        }
        return event;
    }
}
