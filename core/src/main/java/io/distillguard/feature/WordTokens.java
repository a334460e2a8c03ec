package io.distillguard.feature;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits normalised text into word tokens: runs of letters and digits for scripts that separate words with spaces,
 * and one token per character for Han, Hiragana, Katakana and Thai (which do not), so that shingles work in every
 * language. Punctuation and symbols separate tokens and are dropped.
 */
public final class WordTokens {

    private WordTokens() {
    }

    /** The tokens of {@code text} in order. */
    public static List<String> of(String text) {
        List<String> out = new ArrayList<>(Math.max(8, text.length() / 5));
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 0x80) {
                boolean word = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
                if (word && start < 0) {
                    start = i;
                } else if (!word && start >= 0) {
                    out.add(text.substring(start, i));
                    start = -1;
                }
            } else if (isUnspacedScript(cp)) {
                if (start >= 0) {
                    out.add(text.substring(start, i));
                    start = -1;
                }
                out.add(text.substring(i, next));
            } else if (Character.isLetterOrDigit(cp) || (start >= 0 && isJoiner(cp))) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                out.add(text.substring(start, i));
                start = -1;
            }
            i = next;
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** True for characters of scripts written without spaces between words. */
    static boolean isUnspacedScript(int cp) {
        if (cp < 0x0E00) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI;
    }

    private static boolean isJoiner(int cp) {
        return Character.getType(cp) == Character.NON_SPACING_MARK || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
    }
}
