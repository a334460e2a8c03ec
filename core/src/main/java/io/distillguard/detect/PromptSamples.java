package io.distillguard.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Texts of recent flagged prompts by content hash, so that an alert can quote what the campaign asked for when the
 * operator's retention setting keeps text. Bounded: least recently added entries go first; texts are truncated.
 */
final class PromptSamples {
    static final int MAX_CHARS = 300;

    private final int capacity;
    private final Map<Long, String> texts;

    PromptSamples(int capacity) {
        this.capacity = capacity;
        this.texts = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > PromptSamples.this.capacity;
            }
        };
    }

    void put(long contentHash, String text) {
        if (text != null && !text.isEmpty()) {
            texts.putIfAbsent(contentHash, text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "..." : text);
        }
    }

    String get(long contentHash) {
        return texts.get(contentHash);
    }
}
