package io.distillguard.watermark;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The word bigrams of the prompt. A response word that forms a prompt bigram with its previous or next word is part
 * of a quoted span of at least two words and is not substituted.
 */
final class PromptQuotes {

    private final Set<String> bigrams = new HashSet<>();
    private final Set<String> bigramStarts = new HashSet<>();

    PromptQuotes(String prompt) {
        if (prompt.isEmpty()) {
            return;
        }
        WordLexer lexer = new WordLexer(new TokenSink() {
            private String previous;

            @Override
            public void word(String raw, char before, char after) {
                String lower = raw.toLowerCase(Locale.ROOT);
                if (previous != null) {
                    bigrams.add(previous + ' ' + lower);
                    bigramStarts.add(previous);
                }
                previous = lower;
            }

            @Override
            public void code(CharSequence text) {
                previous = null;
            }
        }, false);
        lexer.accept(prompt);
        lexer.end();
    }

    boolean contains(String first, String second) {
        return first != null && second != null && bigrams.contains(first + ' ' + second);
    }

    /** Whether the word starts some prompt bigram, so its fate depends on the next word. */
    boolean startsBigram(String word) {
        return bigramStarts.contains(word);
    }
}
