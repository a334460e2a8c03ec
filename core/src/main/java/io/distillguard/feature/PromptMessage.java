package io.distillguard.feature;

/** One message of a prompt as the feature extractor sees it: its role (system, user, assistant, tool) and plain text. */
public record PromptMessage(String role, String text) {}
