package io.distillguard.feature;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Canonical form of prompt text that every feature is computed on: Unicode NFKC (folds full-width forms and
 * compatibility characters), lower case (root locale), runs of horizontal whitespace collapsed to one space and runs of
 * blank lines to one newline, so that cosmetic edits do not change hashes.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /** The normalised form of {@code text}; never null. */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
        s = s.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        boolean newline = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                newline = true;
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF') {
                space = true;
            } else {
                if (!out.isEmpty() && (newline || space)) {
                    out.append(newline ? '\n' : ' ');
                }
                space = false;
                newline = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
