package io.distillguard.feature;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Canonical form of prompt text that every feature is computed on: Unicode NFKC (folds full-width forms and
 * compatibility characters), lower case (root locale), runs of horizontal whitespace collapsed to one space and runs of
 * blank lines to one newline, so that cosmetic edits do not change hashes.
 */
public final class TextNormalizer {

    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\h\\x0B\\f\\u200B\\uFEFF]+");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*(?:\\R\\s*)+");

    private TextNormalizer() {
    }

    /** The normalised form of {@code text}; never null. */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = HORIZONTAL_SPACE.matcher(s).replaceAll(" ");
        s = LINE_BREAKS.matcher(s).replaceAll("\n");
        return s.strip();
    }
}
