package io.distillguard.metering;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real BPE tokenizer (jtokkit, {@code o200k_base} as used by current OpenAI models). Used to reserve
 * prompt tokens at admission and as the fallback when an upstream reports no usage. Count accumulated text, never
 * stream chunks one by one (per-chunk counts over-count). Thread-safe.
 */
public final class TokenCounter {
    /** Per-message overhead of the chat format (role and separators), as OpenAI's cookbook counts it. */
    static final int TOKENS_PER_MESSAGE = 3;
    /** Every chat reply is primed with the assistant header. */
    static final int REPLY_PRIMING = 3;

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private final Encoding encoding;

    public TokenCounter() {
        this(EncodingType.O200K_BASE);
    }

    public TokenCounter(EncodingType type) {
        this.encoding = REGISTRY.getEncoding(type);
    }

    /** Tokens in {@code text}. */
    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** Tokens of a prompt as the chat format bills it: text plus per-message overhead. */
    public int countPrompt(PromptText prompt) {
        int tokens = 0;
        for (var m : prompt.messages()) {
            tokens += count(m.text()) + (prompt.chat() ? TOKENS_PER_MESSAGE : 0);
        }
        return tokens + (prompt.chat() ? REPLY_PRIMING : 0);
    }
}
