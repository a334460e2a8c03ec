package io.distillguard.metering;

import io.distillguard.feature.PromptMessage;
import java.util.List;

/**
 * The text of a request's prompt, read from whichever endpoint's JSON shape it came in.
 *
 * @param messages the prompt as messages (a plain prompt is one user message)
 * @param chat     true for chat-format requests, which bill a per-message overhead
 * @param extraTokens tokens given directly as token ids (completions/embeddings accept arrays of ints)
 */
public record PromptText(List<PromptMessage> messages, boolean chat, int extraTokens) {

    public static final PromptText EMPTY = new PromptText(List.of(), false, 0);

    public PromptText {
        messages = List.copyOf(messages);
    }

    /** All message texts joined by newlines (what retention stores as the prompt). */
    public String joined() {
        StringBuilder sb = new StringBuilder();
        for (PromptMessage m : messages) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(m.text());
        }
        return sb.toString();
    }

    /** Number of user messages (turns). */
    public int userTurns() {
        int n = 0;
        for (PromptMessage m : messages) {
            if ("user".equals(m.role())) {
                n++;
            }
        }
        return n;
    }
}
