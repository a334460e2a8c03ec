package io.distillguard.feature;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import io.distillguard.detect.sketch.CountMinSketch;
import java.util.List;

/**
 * Recognises which template a message was made from, so that prompts a program builds from one template share a
 * {@code templateHash} however long their items are. Inline templates ("Problem: {q}", "{q} Let's think step by step.",
 * an instruction paragraph followed by the item) are learned from traffic: every message's candidate anchors
 * ({@link TemplateAnchors}) are counted in a small count-min sketch that halves its counters periodically, and an anchor
 * seen at least {@code minCount} times recently is a template. The longest recurring prefix is taken, except that a
 * longer candidate must keep at least 1/{@value #KEEP_RATIO_INVERSE} of the shorter one's count (so a sentence that
 * recurs among the items does not split a template); likewise the suffix; and when both are found the rarer one is
 * kept only if it too reaches that share of the other. Without a recurring anchor the line skeleton
 * ({@link TemplateSkeleton#lines}) is used, and without literal lines the masked text.
 *
 * <p>Thread-safe and lock-free. The result depends on what was counted before, so it is computed once per request at
 * ingestion and stored with the event; replays read it from there. The first {@code minCount - 1} messages of a new
 * template are its warm-up and keep their line or text skeleton.
 */
public final class TemplateRecognizer {

    static final int KEEP_RATIO_INVERSE = 16;
    private static final Hasher64 XXH3 = Hashing.xxh3_64();
    private static final long PREFIX_SEED = 0x5045_4649_5850_4552L;
    private static final long SUFFIX_SEED = 0x5355_4646_4958_4553L;

    private final TemplateSkeleton lines;
    private final CountMinSketch anchorCounts;
    private final int minCount;

    /**
     * @param literalLineWords lines with more words than this are item text in the line skeleton
     * @param minCount         recent occurrences that make an anchor a template, >= 2
     * @param sketchWidth      counters per row of the anchor sketch (power of two; 16 bytes each), halved every
     *                         {@code 2 * sketchWidth} counted anchors
     */
    public TemplateRecognizer(int literalLineWords, int minCount, int sketchWidth) {
        if (minCount < 2) {
            throw new IllegalArgumentException("minCount must be >= 2");
        }
        this.lines = new TemplateSkeleton(literalLineWords);
        this.anchorCounts = new CountMinSketch(sketchWidth, 2L * sketchWidth);
        this.minCount = minCount;
    }

    /**
     * The template of one normalised message. {@code learn} counts the message's anchors first: pass true for the
     * message a request adds (its last user message), false for history and system messages already counted or fixed.
     */
    public MessageTemplate recognize(String normalized, boolean learn) {
        String masked = TemplateSkeleton.mask(normalized);
        TemplateAnchors anchors = TemplateAnchors.of(masked);
        Anchor prefix = recurring(anchors.prefixes(), PREFIX_SEED, learn);
        Anchor suffix = recurring(anchors.suffixes(), SUFFIX_SEED, learn);
        if (prefix != null && suffix != null) {
            int rarer = Math.min(prefix.count, suffix.count);
            int commoner = Math.max(prefix.count, suffix.count);
            if ((long) rarer * KEEP_RATIO_INVERSE >= commoner) {
                return new MessageTemplate(MessageTemplate.Kind.PREFIX_AND_SUFFIX,
                        "P:" + prefix.text + "\u0001S:" + suffix.text);
            }
            return prefix.count >= suffix.count ? prefixTemplate(prefix) : suffixTemplate(suffix);
        }
        if (prefix != null) {
            return prefixTemplate(prefix);
        }
        if (suffix != null) {
            return suffixTemplate(suffix);
        }
        return lines.lines(masked).map(s -> new MessageTemplate(MessageTemplate.Kind.LINES, s))
                .orElseGet(() -> new MessageTemplate(MessageTemplate.Kind.TEXT, masked));
    }

    private static MessageTemplate prefixTemplate(Anchor prefix) {
        return new MessageTemplate(MessageTemplate.Kind.PREFIX, "P:" + prefix.text);
    }

    private static MessageTemplate suffixTemplate(Anchor suffix) {
        return new MessageTemplate(MessageTemplate.Kind.SUFFIX, "S:" + suffix.text);
    }

    /** The longest recurring candidate (see the class comment), counting all of them first when learning. */
    private Anchor recurring(List<String> candidates, long seed, boolean learn) {
        Anchor best = null;
        boolean extending = true;
        for (String text : candidates) {
            long key = XXH3.hashLongLongToLong(seed, XXH3.hashCharsToLong(text));
            int count = learn ? anchorCounts.add(key) : anchorCounts.estimate(key);
            if (extending && count >= minCount
                    && (best == null || (long) count * KEEP_RATIO_INVERSE >= best.count)) {
                best = new Anchor(text, count);
            } else if (best != null) {
                extending = false;
                if (!learn) {
                    break;
                }
            }
        }
        return best;
    }

    private record Anchor(String text, int count) {
    }
}
