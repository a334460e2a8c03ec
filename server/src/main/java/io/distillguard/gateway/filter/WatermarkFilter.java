package io.distillguard.gateway.filter;

import io.distillguard.config.WatermarkSettings;
import io.distillguard.event.Endpoint;
import io.distillguard.gateway.Exchange;
import io.distillguard.gateway.ResponseFilter;
import io.distillguard.gateway.SseEvent;
import io.distillguard.watermark.LexicalWatermarker;
import io.distillguard.watermark.StreamingWatermarker;
import io.distillguard.watermark.SynonymTable;
import io.distillguard.watermark.WatermarkConfig;
import io.distillguard.watermark.WatermarkKey;
import io.distillguard.watermark.WatermarkRequest;
import io.distillguard.watermark.WatermarkScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Applies the keyed lexical watermark, under the sub-key of the caller's entity, to the output text of chat
 * completions, completions and responses: whole bodies at once, streams event by event through a
 * {@link StreamingWatermarker} per choice (holding back at most the current word, released in the next event, in the
 * choice's finishing event, or in one extra event before the stream ends). Code, structured output (a json_*
 * response format), tool calls and text quoted from the prompt stay untouched. Scope ALL marks every response;
 * FLAGGED only those whose exchange carries a strength set by the policy engine, which also overrides the configured
 * strength under ALL.
 */
public final class WatermarkFilter implements ResponseFilter {
    private static final Set<Endpoint> MARKED = Set.of(Endpoint.CHAT_COMPLETIONS, Endpoint.COMPLETIONS, Endpoint.RESPONSES);

    private final WatermarkSettings settings;
    private final WatermarkConfig base;
    private final SynonymTable table;
    private final Map<Exchange, StreamMarks> streams = new ConcurrentHashMap<>();

    public WatermarkFilter(WatermarkSettings settings, WatermarkKey globalKey, SynonymTable table) {
        this.settings = settings;
        this.base = new WatermarkConfig(globalKey, settings.strength(), WatermarkScope.PER_ENTITY);
        this.table = table;
    }

    /** With the global key the settings name and the committed synonym table. */
    public static WatermarkFilter of(WatermarkSettings settings) {
        return new WatermarkFilter(settings, WatermarkKey.global(settings.readKey()), SynonymTable.standard());
    }

    @Override
    public JsonObject onBody(Exchange ex, JsonObject body) {
        LexicalWatermarker marker = watermarkerFor(ex);
        if (marker != null) {
            WatermarkRequest request = request(ex);
            rewriteTexts(ex.endpoint, body, text -> marker.apply(text, request));
            ex.markResponseModified();
        }
        return body;
    }

    @Override
    public SseEvent onEvent(Exchange ex, SseEvent event) {
        StreamMarks marks = streams.computeIfAbsent(ex, e -> new StreamMarks(watermarkerFor(e), request(e)));
        if (marks.marker == null) {
            return event;
        }
        if (event.isDone()) {
            SseEvent flush = marks.flushAll();
            return flush == null ? event : event.precededBy(flush);
        }
        JsonObject json = event.json();
        if (json == null) {
            return event;
        }
        return switch (ex.endpoint) {
            case CHAT_COMPLETIONS, COMPLETIONS -> marks.onChunk(ex.endpoint, event, json);
            case RESPONSES -> marks.onResponsesEvent(event, json);
            default -> event;
        };
    }

    @Override
    public void onComplete(Exchange ex) {
        streams.remove(ex);
    }

    /** The watermarker for this response, or null when it stays unmarked. */
    LexicalWatermarker watermarkerFor(Exchange ex) {
        if (!MARKED.contains(ex.endpoint)) {
            return null;
        }
        String format = ex.params.responseFormat();
        if (format != null && format.startsWith("json")) {
            return null;
        }
        double strength = ex.watermarkStrength >= 0 ? ex.watermarkStrength
                : settings.scope() == WatermarkSettings.Scope.ALL ? settings.strength() : 0;
        return strength > 0 ? new LexicalWatermarker(base.withStrength(Math.min(1, strength)), table) : null;
    }

    private static WatermarkRequest request(Exchange ex) {
        return new WatermarkRequest(ex.entityId, ex.prompt.joined(), false);
    }

    /** Rewrites every output text of a whole body (also the text inside Responses stream events that carry it). */
    static void rewriteTexts(Endpoint endpoint, JsonObject body, UnaryOperator<String> mark) {
        switch (endpoint) {
            case CHAT_COMPLETIONS -> forEachObject(body.getValue("choices"), choice -> {
                if (choice.getValue("message") instanceof JsonObject message
                        && message.getValue("content") instanceof String content) {
                    message.put("content", mark.apply(content));
                }
            });
            case COMPLETIONS -> forEachObject(body.getValue("choices"), choice -> {
                if (choice.getValue("text") instanceof String text) {
                    choice.put("text", mark.apply(text));
                }
            });
            case RESPONSES -> {
                forEachObject(body.getValue("output"), item -> rewriteItem(item, mark));
                if (body.getValue("output_text") instanceof String text) {
                    body.put("output_text", mark.apply(text));
                }
            }
            default -> { }
        }
    }

    static void rewriteItem(JsonObject item, UnaryOperator<String> mark) {
        if ("message".equals(item.getValue("type"))) {
            forEachObject(item.getValue("content"), part -> rewritePart(part, mark));
        }
    }

    static void rewritePart(JsonObject part, UnaryOperator<String> mark) {
        if ("output_text".equals(part.getValue("type")) && part.getValue("text") instanceof String text) {
            part.put("text", mark.apply(text));
        }
    }

    static void forEachObject(Object array, java.util.function.Consumer<JsonObject> action) {
        if (array instanceof JsonArray items) {
            for (Object item : items) {
                if (item instanceof JsonObject o) {
                    action.accept(o);
                }
            }
        }
    }

    /** The open streaming sessions of one streamed response, one per choice or output part. */
    private static final class StreamMarks {
        final LexicalWatermarker marker;
        final WatermarkRequest request;
        final Map<String, StreamingWatermarker> sessions = new HashMap<>();
        JsonObject lastChunk;

        StreamMarks(LexicalWatermarker marker, WatermarkRequest request) {
            this.marker = marker;
            this.request = request;
        }

        StreamingWatermarker session(String key) {
            return sessions.computeIfAbsent(key, k -> marker.open(request));
        }

        /** Finishes the session of {@code key}; returns what it still held ("" when none was open). */
        String finish(String key) {
            StreamingWatermarker session = sessions.remove(key);
            return session == null ? "" : session.finish();
        }

        SseEvent onChunk(Endpoint endpoint, SseEvent event, JsonObject json) {
            if (!(json.getValue("choices") instanceof JsonArray choices) || choices.isEmpty()) {
                return event;
            }
            lastChunk = json;
            String field = endpoint == Endpoint.CHAT_COMPLETIONS ? "content" : "text";
            forEachObject(choices, choice -> {
                String key = String.valueOf(choice.getValue("index"));
                JsonObject holder = endpoint == Endpoint.CHAT_COMPLETIONS
                        ? choice.getValue("delta") instanceof JsonObject d ? d : null : choice;
                String text = holder != null && holder.getValue(field) instanceof String t ? t : null;
                String out = text == null ? "" : session(key).push(text);
                if (choice.getValue("finish_reason") != null) {
                    out += finish(key);
                }
                if (holder != null && (text != null || !out.isEmpty())) {
                    holder.put(field, out);
                }
            });
            return SseEvent.ofJson(event.eventName(), json);
        }

        SseEvent onResponsesEvent(SseEvent event, JsonObject json) {
            String type = json.getValue("type") instanceof String t ? t : "";
            String key = json.getValue("output_index") + ":" + json.getValue("content_index");
            switch (type) {
                case "response.output_text.delta" -> {
                    if (json.getValue("delta") instanceof String delta) {
                        json.put("delta", session(key).push(delta));
                    }
                }
                case "response.output_text.done" -> {
                    String rest = finish(key);
                    if (json.getValue("text") instanceof String text) {
                        json.put("text", marker.apply(text, request));
                    }
                    if (!rest.isEmpty()) {
                        JsonObject extra = json.copy().put("type", "response.output_text.delta").put("delta", rest);
                        extra.remove("text");
                        String name = event.eventName() == null ? null : "response.output_text.delta";
                        return SseEvent.ofJson(event.eventName(), json).precededBy(SseEvent.ofJson(name, extra));
                    }
                }
                case "response.content_part.done" -> {
                    if (json.getValue("part") instanceof JsonObject part) {
                        rewritePart(part, t -> marker.apply(t, request));
                    }
                }
                case "response.output_item.done" -> {
                    if (json.getValue("item") instanceof JsonObject item) {
                        rewriteItem(item, t -> marker.apply(t, request));
                    }
                }
                case "response.completed", "response.incomplete" -> {
                    if (json.getValue("response") instanceof JsonObject response) {
                        rewriteTexts(Endpoint.RESPONSES, response, t -> marker.apply(t, request));
                    }
                }
                default -> {
                    return event;
                }
            }
            return SseEvent.ofJson(event.eventName(), json);
        }

        /** One extra chunk with whatever the still-open sessions hold, or null when they hold nothing. */
        SseEvent flushAll() {
            if (lastChunk == null || sessions.isEmpty()) {
                return null;
            }
            JsonArray choices = new JsonArray();
            for (String key : sessions.keySet().stream().sorted().toList()) {
                String rest = finish(key);
                if (!rest.isEmpty()) {
                    JsonObject choice = new JsonObject().put("index", Integer.valueOf(key)).put("finish_reason", null);
                    if (lastChunk.getValue("object") instanceof String o && o.startsWith("chat")) {
                        choice.put("delta", new JsonObject().put("content", rest));
                    } else {
                        choice.put("text", rest);
                    }
                    choices.add(choice);
                }
            }
            if (choices.isEmpty()) {
                return null;
            }
            JsonObject chunk = lastChunk.copy().put("choices", choices);
            chunk.remove("usage");
            return SseEvent.ofJson(null, chunk);
        }
    }
}
