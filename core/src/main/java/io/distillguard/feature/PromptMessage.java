package io.distillguard.feature;

import java.util.Objects;

/**
 * One message of a request's prompt as the extractor sees it: the role ({@code system}, {@code user}, {@code assistant},
 * {@code tool}, ...) and its text content. Plain completions are a single {@code user} message.
 */
public record PromptMessage(String role, String text) {

    public PromptMessage {
        Objects.requireNonNull(role, "role");
        text = text == null ? "" : text;
    }

    /** A user message. */
    public static PromptMessage user(String text) {
        return new PromptMessage("user", text);
    }

    public boolean isUser() {
        return "user".equalsIgnoreCase(role);
    }
}
