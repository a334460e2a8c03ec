package io.distillguard.metering;

import io.distillguard.event.Endpoint;
import io.distillguard.event.UsageSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Collects a response's usage and text as it passes through, whole or event by event, and settles on exact token
 * counts: the upstream's {@code usage} when it reported one (once, never added twice), else a tokenizer count of the
 * text actually delivered. One per request; confined to the request's event loop.
 */
public final class ResponseMeter {
    private static final int MAX_TEXT_CHARS = 1 << 20;
    private final Endpoint endpoint;
    private final StringBuilder text = new StringBuilder();
    private long upstreamInput = -1;
    private long upstreamOutput = -1;
    private boolean firstContentSeen;

    public ResponseMeter(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Reads a whole (non-streamed) response body. */
    public void onBody(JsonObject body) {
        readUsage(body.getValue("usage"));
        if (body.getValue("choices") instanceof JsonArray choices) {
            for (Object o : choices) {
                if (o instanceof JsonObject c) {
                    if (c.getValue("message") instanceof JsonObject m) {
                        append(RequestReader.contentText(m.getValue("content")));
                        if (m.getValue("reasoning_content") instanceof String r) {
                            append(r);
                        }
                    } else if (c.getValue("text") instanceof String t) {
                        append(t);
                    }
                }
            }
        }
        if (body.getValue("output") instanceof JsonArray output) {
            appendResponsesOutput(output);
        }
    }

    /**
     * Reads one streamed event's JSON. Returns true when it carried content (the first such event marks time to first
     * token).
     */
    public boolean onEvent(String eventName, JsonObject data) {
        boolean content = false;
        if (data.getValue("usage") instanceof JsonObject) {
            readUsage(data.getValue("usage"));
        }
        String type = eventName != null ? eventName : data.getString("type");
        if (type != null && type.startsWith("response.")) {
            if (data.getValue("delta") instanceof String d && type.endsWith("text.delta")) {
                append(d);
                content = true;
            }
            if (("response.completed".equals(type) || "response.incomplete".equals(type))
                    && data.getValue("response") instanceof JsonObject r) {
                readUsage(r.getValue("usage"));
            }
        } else if (data.getValue("choices") instanceof JsonArray choices) {
            for (Object o : choices) {
                if (o instanceof JsonObject c) {
                    if (c.getValue("delta") instanceof JsonObject d) {
                        if (d.getValue("content") instanceof String s && !s.isEmpty()) {
                            append(s);
                            content = true;
                        }
                        if (d.getValue("reasoning_content") instanceof String r && !r.isEmpty()) {
                            append(r);
                            content = true;
                        }
                    } else if (c.getValue("text") instanceof String t && !t.isEmpty()) {
                        append(t);
                        content = true;
                    }
                }
            }
        }
        boolean first = content && !firstContentSeen;
        firstContentSeen |= content;
        return first;
    }

    /** True when the upstream reported usage. */
    public boolean hasUpstreamUsage() {
        return upstreamInput >= 0;
    }

    /** Final token counts: the upstream's usage, or a tokenizer count with {@code promptTokens} as the input. */
    public MeteredUsage settle(TokenCounter counter, long promptTokens) {
        if (hasUpstreamUsage()) {
            return new MeteredUsage(upstreamInput, Math.max(0, upstreamOutput), UsageSource.UPSTREAM);
        }
        long out = endpoint == Endpoint.EMBEDDINGS ? 0 : counter.count(text.toString());
        return new MeteredUsage(promptTokens, out, UsageSource.TOKENIZER);
    }

    /** Response text seen so far (capped), for the tokenizer fallback and retention. */
    public String text() {
        return text.toString();
    }

    private void readUsage(Object usage) {
        if (usage instanceof JsonObject u) {
            Number in = firstNumber(u, "prompt_tokens", "input_tokens");
            Number out = firstNumber(u, "completion_tokens", "output_tokens");
            if (in != null) {
                upstreamInput = in.longValue();
                upstreamOutput = out == null ? 0 : out.longValue();
            }
        }
    }

    private void appendResponsesOutput(JsonArray output) {
        for (Object o : output) {
            if (o instanceof JsonObject item && item.getValue("content") instanceof JsonArray parts) {
                for (Object p : parts) {
                    if (p instanceof JsonObject part && part.getValue("text") instanceof String t) {
                        append(t);
                    }
                }
            }
        }
    }

    private void append(String s) {
        if (s != null && text.length() < MAX_TEXT_CHARS) {
            text.append(s, 0, Math.min(s.length(), MAX_TEXT_CHARS - text.length()));
        }
    }

    private static Number firstNumber(JsonObject o, String a, String b) {
        if (o.getValue(a) instanceof Number n) {
            return n;
        }
        return o.getValue(b) instanceof Number n ? n : null;
    }
}
