package io.distillguard.demo;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Token counts in the o200k_base encoding, as the simulator reports them in usage. Chat prompts add OpenAI's
 * per-message overhead (3 tokens per message plus the role, 1 for a name, 3 to prime the reply); generated text is
 * counted exactly, so usage always equals a count of the returned text. Special-token strings in user text are
 * counted as ordinary text. Thread-safe; loading the encoding takes a few hundred milliseconds, so build it off the
 * event loop.
 *
 * <p>Message contents of {@value #CACHED_MIN_CHARS} characters or more are counted once and then looked up (exact: the
 * key is the text): the evaluation harness sends the same dataset prompts again and again, and counting them was the
 * largest cost of a simulated request. The cache holds at most {@value #CACHE_MAX_CHARS} characters and starts over
 * when full.
 */
public final class TokenCounter {

    /** Tokens every chat message costs besides its content. */
    public static final int PER_MESSAGE = 3;
    /** Tokens of a message's name field besides the name itself. */
    public static final int PER_NAME = 1;
    /** Tokens that prime the assistant's reply. */
    public static final int REPLY_PRIMING = 3;

    private static final int VOCABULARY = 200_019;
    static final int CACHED_MIN_CHARS = 64;
    static final long CACHE_MAX_CHARS = 16L << 20;

    private final io.distillguard.metering.TokenCountCache contentCounts =
            new io.distillguard.metering.TokenCountCache(CACHED_MIN_CHARS, CACHE_MAX_CHARS, this::count);

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    /** Decoded text per token id, filled on first use (racy but benign: Strings are immutable). */
    private final String[] decoded = new String[VOCABULARY];

    /** One message of a chat prompt as the tokenizer sees it. */
    public record Message(String role, String name, String content) {
    }

    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** Prompt tokens of a chat conversation, per-message overhead included. */
    public int countMessages(List<Message> messages) {
        int total = REPLY_PRIMING;
        for (Message m : messages) {
            total += PER_MESSAGE + count(m.role()) + countContent(m.content());
            if (m.name() != null) {
                total += PER_NAME + count(m.name());
            }
        }
        return total;
    }

    /** {@link #count} of a message's content, from the cache when it is long and was counted before. */
    int countContent(String text) {
        return contentCounts.count(text);
    }

    /** The text split into its tokens, each decoded; the pieces concatenate back to the (ASCII) text. */
    public List<String> pieces(String text) {
        IntArrayList ids = encoding.encodeOrdinary(text);
        List<String> pieces = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            pieces.add(decode(ids.get(i)));
        }
        return pieces;
    }

    /** The decoded text of one token id, or null when the id is not in the vocabulary. */
    public String decode(int tokenId) {
        if (tokenId < 0 || tokenId >= VOCABULARY) {
            return null;
        }
        String piece = decoded[tokenId];
        if (piece == null) {
            IntArrayList one = new IntArrayList(1);
            one.add(tokenId);
            try {
                piece = new String(encoding.decodeBytes(one), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException unknownToken) {
                return null;
            }
            decoded[tokenId] = piece;
        }
        return piece;
    }
}
