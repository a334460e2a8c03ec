package io.distillguard.feature;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a masked message text could split into a fixed template part and a variable item: its prefixes up to each of
 * the first few boundaries (line break, colon, sentence end) and its suffixes after each of the last few, shortest
 * first. Inline templates ("Problem: {q}", "{q} Let's think step by step.") keep their literal text on one side of
 * such a boundary; which candidate, if any, is a template is decided from traffic by {@link TemplateRecognizer}.
 * A candidate needs literal content (three words, or one word ending in a colon), so that masked numbers, quotes or
 * code alone, or a greeting such as "hi there!", never make an anchor.
 *
 * @param prefixes candidate prefixes, shortest first, each leaving a non-blank rest
 * @param suffixes candidate suffixes, shortest first, each leaving a non-blank rest
 */
record TemplateAnchors(List<String> prefixes, List<String> suffixes) {

    /** At most this many candidates per side. */
    static final int MAX_CANDIDATES = 4;
    /** Anchors are looked for only within this many characters of either end. */
    static final int MAX_ANCHOR_CHARS = 512;

    /** Words after which a full stop does not end a sentence (besides single letters, i.e. initials). */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc",
            "prof", "inc", "ltd", "co", "mt", "ft", "no", "fig", "approx", "dept", "est", "gen", "gov", "sgt", "capt",
            "lt", "col", "rev", "hon", "oz", "lb", "lbs", "min", "max", "sec", "hr", "hrs", "al", "cf", "ca", "nr");

    /** The candidate anchors of {@code masked} (see {@link TemplateSkeleton#mask}). */
    static TemplateAnchors of(String masked) {
        int first = 0;
        int last = masked.length() - 1;
        while (first <= last && Character.isWhitespace(masked.charAt(first))) {
            first++;
        }
        while (last >= first && Character.isWhitespace(masked.charAt(last))) {
            last--;
        }
        List<String> prefixes = new ArrayList<>(MAX_CANDIDATES);
        int prefixEnd = Math.min(last, first + MAX_ANCHOR_CHARS);
        for (int i = first; i < prefixEnd && prefixes.size() < MAX_CANDIDATES; i++) {
            if (isBoundary(masked, i)) {
                add(prefixes, masked.substring(first, i + 1).strip());
            }
        }
        List<String> suffixes = new ArrayList<>(MAX_CANDIDATES);
        int suffixStart = Math.max(first, last - MAX_ANCHOR_CHARS);
        for (int i = last - 1; i >= suffixStart && suffixes.size() < MAX_CANDIDATES; i--) {
            if (isBoundary(masked, i)) {
                add(suffixes, masked.substring(i + 1, last + 1).strip());
            }
        }
        return new TemplateAnchors(List.copyOf(prefixes), List.copyOf(suffixes));
    }

    private static void add(List<String> candidates, String anchor) {
        if (!anchor.isEmpty() && (candidates.isEmpty() || !candidates.getLast().equals(anchor))
                && hasLiteralContent(anchor)) {
            candidates.add(anchor);
        }
    }

    /** Three words of two letters or more (a Han, kana or Thai character counts as a word), or one before a colon. */
    static boolean hasLiteralContent(String anchor) {
        int words = 0;
        for (String token : WordTokens.of(anchor)) {
            if (token.length() >= 2 || WordTokens.isUnspacedScript(token.codePointAt(0))) {
                if (++words >= 3) {
                    return true;
                }
            }
        }
        return words >= 1 && anchor.endsWith(":");
    }

    /** True when the character at {@code i} ends a line, a clause introduced by a colon, or a sentence. */
    static boolean isBoundary(String text, int i) {
        char c = text.charAt(i);
        return switch (c) {
            case '\n', ':', '\u3002', '\uff1a', '\uff1f', '\uff01', '\uff1b' -> true;
            case '?', '!', ';' -> endsHere(text, i);
            case '.' -> endsHere(text, i) && !abbreviationBefore(text, i);
            default -> false;
        };
    }

    private static boolean endsHere(String text, int i) {
        if (i + 1 >= text.length()) {
            return true;
        }
        int next = text.codePointAt(i + 1);
        return Character.isWhitespace(next) || WordTokens.isUnspacedScript(next);
    }

    private static boolean abbreviationBefore(String text, int dot) {
        int start = dot;
        while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
            start--;
        }
        int letters = dot - start;
        return letters == 1 || (letters > 0 && letters <= 6 && ABBREVIATIONS.contains(text.substring(start, dot)));
    }
}
