package io.distillguard.metering;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real BPE tokenizer (jtokkit, {@code o200k_base} as used by current OpenAI models). Used to reserve
 * prompt tokens at admission and as the fallback when an upstream reports no usage. Count accumulated text, never
 * stream chunks one by one (per-chunk counts over-count). Thread-safe.
 *
 * <p>Prompt messages of {@value #CACHED_MIN_CHARS} characters or more are counted once and then looked up (exact
 * counts: the key is the text itself): long messages that recur, such as a system prompt or a template that many
 * requests share, otherwise cost a full BPE pass on the event loop at every admission. The cache holds at most
 * {@value #CACHE_MAX_CHARS} characters of text and starts over when full.
 */
public final class TokenCounter {
    /** Per-message overhead of the chat format (role and separators), as OpenAI's cookbook counts it. */
    static final int TOKENS_PER_MESSAGE = 3;
    /** Every chat reply is primed with the assistant header. */
    static final int REPLY_PRIMING = 3;

    static final int CACHED_MIN_CHARS = 256;
    static final long CACHE_MAX_CHARS = 8L << 20;

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private final Encoding encoding;
    private final TokenCountCache messageCounts;

    public TokenCounter() {
        this(EncodingType.O200K_BASE);
    }

    public TokenCounter(EncodingType type) {
        this(type, CACHE_MAX_CHARS);
    }

    TokenCounter(EncodingType type, long cacheMaxChars) {
        this.encoding = REGISTRY.getEncoding(type);
        this.messageCounts = new TokenCountCache(CACHED_MIN_CHARS, cacheMaxChars, this::count);
    }

    /** Tokens in {@code text}. */
    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** Tokens of a prompt as the chat format bills it: text plus per-message overhead. */
    public int countPrompt(PromptText prompt) {
        int tokens = 0;
        for (var m : prompt.messages()) {
            tokens += countMessage(m.text()) + (prompt.chat() ? TOKENS_PER_MESSAGE : 0);
        }
        return tokens + (prompt.chat() ? REPLY_PRIMING : 0);
    }

    /** Tokens in one prompt message, from the cache when the text is long and was counted before. */
    int countMessage(String text) {
        return messageCounts.count(text);
    }

    /** Number of messages whose count is cached (for tests). */
    int cachedMessages() {
        return messageCounts.size();
    }
}
