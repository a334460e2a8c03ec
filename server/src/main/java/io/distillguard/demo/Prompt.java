package io.distillguard.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's prompt as the simulator needs it: all its text (seeds generation) and its token count (usage). Reads
 * chat messages and Responses API input, whose content is a string or a list of text parts.
 *
 * @param text   every message's text, one per line, the last user message first (the answer is mostly about it)
 * @param tokens prompt tokens including per-message overhead
 */
record Prompt(String text, int tokens) {

    /** Chat Completions {@code messages}. */
    static Parsed<Prompt> ofMessages(Object messages, TokenCounter counter) {
        if (!(messages instanceof JsonArray array) || array.isEmpty()) {
            return Parsed.rejected(ApiError.invalid("messages", "Missing required parameter: 'messages'."));
        }
        return ofItems(array, "messages", null, counter);
    }

    /** Responses API {@code input} (a string or a list of message items) with optional {@code instructions}. */
    static Parsed<Prompt> ofResponsesInput(Object input, String instructions, TokenCounter counter) {
        if (input instanceof String s) {
            return ofItems(new JsonArray().add(new JsonObject().put("role", "user").put("content", s)), "input",
                    instructions, counter);
        }
        if (input instanceof JsonArray array && !array.isEmpty()) {
            return ofItems(array, "input", instructions, counter);
        }
        return Parsed.rejected(ApiError.invalid("input", "Missing required parameter: 'input'."));
    }

    private static Parsed<Prompt> ofItems(JsonArray items, String param, String instructions, TokenCounter counter) {
        List<TokenCounter.Message> messages = new ArrayList<>();
        if (instructions != null) {
            messages.add(new TokenCounter.Message("developer", null, instructions));
        }
        for (int i = 0; i < items.size(); i++) {
            if (!(items.getValue(i) instanceof JsonObject item) || !(item.getValue("role") instanceof String role)) {
                return Parsed.rejected(ApiError.invalid(param + "[" + i + "]",
                        "Invalid '" + param + "[" + i + "]': expected an object with a 'role'."));
            }
            String content = contentText(item.getValue("content"));
            if (content == null) {
                return Parsed.rejected(ApiError.invalid(param + "[" + i + "].content",
                        "Invalid '" + param + "[" + i + "].content': expected a string or a list of text parts."));
            }
            messages.add(new TokenCounter.Message(role, item.getString("name"), content));
        }
        StringBuilder text = new StringBuilder();
        int lastUser = lastUserMessage(messages);
        if (lastUser >= 0) {
            text.append(messages.get(lastUser).content()).append('\n');
        }
        for (int i = 0; i < messages.size(); i++) {
            if (i != lastUser) {
                text.append(messages.get(i).content()).append('\n');
            }
        }
        return Parsed.ok(new Prompt(text.toString(), counter.countMessages(messages)));
    }

    private static int lastUserMessage(List<TokenCounter.Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return i;
            }
        }
        return -1;
    }

    /** Text of a string content or of a list of parts ({@code text}, {@code input_text}, {@code output_text}). */
    private static String contentText(Object content) {
        if (content == null) {
            return "";
        }
        if (content instanceof String s) {
            return s;
        }
        if (!(content instanceof JsonArray parts)) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof JsonObject p && p.getValue("text") instanceof String t) {
                text.append(text.isEmpty() ? "" : "\n").append(t);
            } else if (!(part instanceof JsonObject)) {
                return null;
            }
        }
        return text.toString();
    }
}
