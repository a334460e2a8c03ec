package io.distillguard.metering;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Exact token counts of long texts that recur (a shared system prompt, a dataset prompt the harness sends again), so
 * that a full BPE pass is paid once per text. The key is the text itself; texts shorter than a minimum are counted
 * every time; the cache holds at most a given number of characters and starts over when full (no age tracking).
 * Thread-safe. Used by the gateway's {@link TokenCounter} and the model simulator's.
 */
public final class TokenCountCache {
    private final int minChars;
    private final long maxChars;
    private final ToIntFunction<String> counter;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicLong cachedChars = new AtomicLong();

    /** Caches {@code counter}'s counts of texts of {@code minChars} or more, at most {@code maxChars} in all. */
    public TokenCountCache(int minChars, long maxChars, ToIntFunction<String> counter) {
        this.minChars = minChars;
        this.maxChars = maxChars;
        this.counter = counter;
    }

    /** The count of {@code text}, from the cache when the text is long enough and was counted before. */
    public int count(String text) {
        if (text == null || text.length() < minChars) {
            return counter.applyAsInt(text);
        }
        Integer known = counts.get(text);
        if (known != null) {
            return known;
        }
        int n = counter.applyAsInt(text);
        if (cachedChars.addAndGet(text.length()) > maxChars) { // full: start over rather than track age
            counts.clear();
            cachedChars.set(text.length());
        }
        counts.put(text, n);
        return n;
    }

    /** Texts whose count is cached. */
    public int size() {
        return counts.size();
    }
}
