package io.distillguard.watermark;

import java.util.Locale;

/**
 * Watermarks one response as it streams. {@link #push} returns the text that is safe to emit now; it holds back the
 * current partial word and, only when a candidate word also occurs in the prompt, that word until the next word shows
 * whether it is quoted. The concatenation of all pushes and {@link #finish} equals
 * {@link LexicalWatermarker#apply(String, WatermarkRequest)} for any chunking. One session per response, not
 * thread-safe.
 */
public final class StreamingWatermarker {

    private final WordLexer lexer;
    private final Rewriter rewriter;

    StreamingWatermarker(SlotRule rule, KeyedChoice choice, double strength, WatermarkRequest request) {
        this.rewriter = new Rewriter(rule, choice, strength, new PromptQuotes(request.prompt()));
        this.lexer = new WordLexer(rewriter, request.structuredOutput() || choice == null);
    }

    /** Feeds the next piece of the response; returns what may be emitted now (possibly empty). */
    public String push(String delta) {
        lexer.accept(delta);
        return rewriter.drain();
    }

    /** Ends the response; returns the rest. */
    public String finish() {
        lexer.end();
        return rewriter.drain();
    }

    /** Applies the keyed choices to the token stream. */
    private static final class Rewriter implements TokenSink {
        private final SlotRule rule;
        private final KeyedChoice choice;
        private final double strength;
        private final PromptQuotes quotes;
        private final StringBuilder ready = new StringBuilder();
        private final StringBuilder heldTail = new StringBuilder();
        private String previousOut;
        private String previousOriginal;
        private String heldRaw;
        private String heldCandidate;
        private String heldLower;

        Rewriter(SlotRule rule, KeyedChoice choice, double strength, PromptQuotes quotes) {
            this.rule = rule;
            this.choice = choice;
            this.strength = strength;
            this.quotes = quotes;
        }

        @Override
        public void word(String raw, char before, char after) {
            String lower = raw.toLowerCase(Locale.ROOT);
            if (heldRaw != null) {
                release(lower);
            }
            String out = raw;
            SynonymClass slot = rule.slotClass(raw, lower, before, after, previousOut);
            if (slot != null && !quotes.contains(previousOriginal, lower)) {
                KeyedChoice.Decision decision = choice.decide(previousOut == null ? "" : previousOut, slot);
                if (decision.selected(strength)) {
                    out = Casing.of(raw).apply(slot.member(decision.member()));
                }
            }
            previousOriginal = lower;
            if (!out.equals(raw) && quotes.startsBigram(lower)) {
                heldRaw = raw;
                heldCandidate = out;
                heldLower = lower;
            } else {
                ready.append(out);
                previousOut = out.toLowerCase(Locale.ROOT);
            }
        }

        @Override
        public void text(CharSequence text) {
            (heldRaw != null ? heldTail : ready).append(text);
        }

        @Override
        public void code(CharSequence text) {
            if (heldRaw != null) {
                release(null);
            }
            previousOut = null;
            previousOriginal = null;
            ready.append(text);
        }

        @Override
        public void end() {
            if (heldRaw != null) {
                release(null);
            }
        }

        private void release(String nextLower) {
            String out = quotes.contains(heldLower, nextLower) ? heldRaw : heldCandidate;
            ready.append(out).append(heldTail);
            previousOut = out.toLowerCase(Locale.ROOT);
            heldTail.setLength(0);
            heldRaw = null;
        }

        String drain() {
            String out = ready.toString();
            ready.setLength(0);
            return out;
        }
    }
}
