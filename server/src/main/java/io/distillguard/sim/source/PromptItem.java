package io.distillguard.sim.source;

import java.util.List;

/**
 * One prompt from a source: the user turns of a conversation with the assistant replies recorded between them (a
 * single-turn source has one user turn and no replies). {@code replies.get(i)} followed {@code userTurns.get(i)}.
 */
public record PromptItem(List<String> userTurns, List<String> replies) {

    public PromptItem {
        if (userTurns.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one user turn");
        }
        userTurns = List.copyOf(userTurns);
        replies = List.copyOf(replies);
    }

    public static PromptItem single(String text) {
        return new PromptItem(List.of(text), List.of());
    }

    public String first() {
        return userTurns.getFirst();
    }
}
