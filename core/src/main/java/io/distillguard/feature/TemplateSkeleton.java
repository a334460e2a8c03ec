package io.distillguard.feature;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The skeleton of a prompt: what stays the same when a program fills one template with different items. Code blocks,
 * URLs, quoted spans and numbers are masked; a line longer than a few words is treated as a variable item and masked
 * (consecutive masked lines merge), answer-option lines keep only their label; short lines stay literal. A prompt whose
 * skeleton keeps no literal line has no visible template, and its skeleton is its masked text (so unrelated prompts
 * rarely share one). This line view is stateless; {@link TemplateRecognizer} puts recurring inline anchors before it.
 */
public final class TemplateSkeleton {

    private static final Pattern CODE_BLOCK = Pattern.compile("```.*?(```|$)", Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile("\\b(?:https?://|www\\.)\\S+");
    private static final Pattern QUOTED = Pattern.compile(
            "\"[^\"\\n]{1,300}\"|“[^”\\n]{1,300}”|«[^»\\n]{1,300}»|「[^」\\n]{1,300}」|`[^`\\n]{1,300}`|(?<!\\w)'[^'\\n]{1,300}'(?!\\w)");
    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,._:/]*");
    private static final Pattern OPTION_LINE = Pattern.compile("^[(\\[]?([a-h]|[1-8]|#)[).\\]:]\\s.*$");
    private static final String VARIABLE = "\u2039v\u203a";

    private final int literalLineWords;

    /** @param literalLineWords lines with more words than this are treated as variable item text */
    public TemplateSkeleton(int literalLineWords) {
        if (literalLineWords < 1) {
            throw new IllegalArgumentException("literalLineWords must be >= 1");
        }
        this.literalLineWords = literalLineWords;
    }

    /** Masked text: code blocks, URLs, quoted spans and numbers replaced by placeholders. */
    public static String mask(String normalized) {
        String s = CODE_BLOCK.matcher(normalized).replaceAll("\u2039c\u203a");
        s = URL.matcher(s).replaceAll("\u2039u\u203a");
        s = QUOTED.matcher(s).replaceAll("\u2039q\u203a");
        return NUMBER.matcher(s).replaceAll("#");
    }

    /** The skeleton of one normalised message text: its {@link #lines} skeleton, else its masked text. */
    public String of(String normalized) {
        String masked = mask(normalized);
        return lines(masked).orElse(masked);
    }

    /**
     * The line skeleton of masked text (see {@link #mask}): short lines literal, longer ones one variable placeholder,
     * option lines their label; empty when no line stays literal (the text shows no template line by line).
     */
    public Optional<String> lines(String masked) {
        StringBuilder out = new StringBuilder(Math.min(masked.length(), 256));
        boolean literal = false;
        boolean lastVariable = false;
        for (String line : masked.split("\n")) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            String piece;
            if (OPTION_LINE.matcher(text).matches()) {
                piece = text.substring(0, text.indexOf(' ')) + " \u2039o\u203a";
                literal = true;
            } else if (WordTokens.of(text).size() > literalLineWords) {
                if (lastVariable) {
                    continue;
                }
                piece = VARIABLE;
            } else {
                piece = text;
                literal = true;
            }
            lastVariable = piece == VARIABLE;
            out.append(piece).append('\n');
        }
        return literal ? Optional.of(out.toString()) : Optional.empty();
    }
}
