package io.distillguard.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * One server-sent event of a streamed response, reassembled from however the upstream's TCP chunks fell. Keeps the
 * raw bytes so an event no filter changed is forwarded byte for byte; {@link #json()} parses the data lazily.
 */
public final class SseEvent {
    private final String eventName;
    private final String data;
    private final Buffer raw;
    private JsonObject json;
    private boolean parsed;

    SseEvent(String eventName, String data, Buffer raw) {
        this.eventName = eventName;
        this.data = data;
        this.raw = raw;
    }

    /** A new event carrying {@code json} as its data (for filters that rewrite an event). */
    public static SseEvent ofJson(String eventName, JsonObject json) {
        String data = json.encode();
        StringBuilder sb = new StringBuilder();
        if (eventName != null) {
            sb.append("event: ").append(eventName).append('\n');
        }
        sb.append("data: ").append(data).append("\n\n");
        SseEvent e = new SseEvent(eventName, data, Buffer.buffer(sb.toString()));
        e.json = json;
        e.parsed = true;
        return e;
    }

    /** This event with {@code earlier} written just before it (a filter that must insert an event). */
    public SseEvent precededBy(SseEvent earlier) {
        SseEvent e = new SseEvent(eventName, data, earlier.raw().copy().appendBuffer(raw));
        e.json = json;
        e.parsed = parsed;
        return e;
    }

    /** The {@code event:} field, or null. */
    public String eventName() {
        return eventName;
    }

    /** The joined {@code data:} lines. */
    public String data() {
        return data;
    }

    /** True for OpenAI's end-of-stream sentinel {@code data: [DONE]}. */
    public boolean isDone() {
        return "[DONE]".equals(data);
    }

    /** The data parsed as a JSON object, or null when it is not one. */
    public JsonObject json() {
        if (!parsed) {
            parsed = true;
            if (data != null && !data.isEmpty() && data.charAt(0) == '{') {
                try {
                    json = new JsonObject(data);
                } catch (RuntimeException notJson) {
                    json = null;
                }
            }
        }
        return json;
    }

    /** The bytes to write to the client. */
    public Buffer raw() {
        return raw;
    }
}
