package io.distillguard.feature;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The content rules as they ran before the literal prefilter (every regex on every text, single-regex rules as one
 * alternation): the reference {@link PatternRulesDifferentialTest} compares {@link PatternRules} against. Was: a set of
 * regular-expression rules loaded from a resource file, so that pattern lists stay out of Java code. One rule
 * per line; {@code #} starts a comment line; {@code  && } joins regexes that must all be found for the rule to fire.
 * Rules are written for normalised (NFKC, lower-case) text with Unicode
 * character classes ({@code \b} and {@code \w} know all scripts).
 * Immutable and thread-safe.
 */
public final class RegexOnlyPatternRules {

    private final List<Pattern[]> rules;
    /**
     * All single-regex rules as one alternation, compiled with ASCII character classes (used on ASCII text, where it
     * means the same and runs much faster) and with Unicode ones (used on all other text).
     */
    private final Pattern singlesOnAsciiText;
    private final Pattern singles;

    private RegexOnlyPatternRules(List<Pattern[]> rules) {
        this.rules = List.copyOf(rules);
        StringBuilder alternation = new StringBuilder();
        for (Pattern[] rule : rules) {
            if (rule.length == 1) {
                alternation.append(alternation.isEmpty() ? "" : "|").append("(?:").append(rule[0].pattern()).append(')');
            }
        }
        this.singlesOnAsciiText = alternation.isEmpty() ? null : Pattern.compile(alternation.toString());
        this.singles = alternation.isEmpty() ? null
                : Pattern.compile(alternation.toString(), Pattern.UNICODE_CHARACTER_CLASS);
    }

    private static boolean isAscii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Loads the rules in resource {@code name} next to this class. */
    public static RegexOnlyPatternRules load(String name) {
        InputStream in = PatternRules.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalArgumentException("no pattern resource " + name);
        }
        List<Pattern[]> rules = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+&&\\s+");
                Pattern[] rule = new Pattern[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    rule[i] = Pattern.compile(parts[i], Pattern.UNICODE_CHARACTER_CLASS);
                }
                rules.add(rule);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("pattern resource " + name + " has no rules");
        }
        return new RegexOnlyPatternRules(rules);
    }

    /** True when any rule fires on {@code normalized}. */
    public boolean anyMatch(CharSequence normalized) {
        Pattern single = isAscii(normalized) ? singlesOnAsciiText : singles;
        if (single != null && single.matcher(normalized).find()) {
            return true;
        }
        for (Pattern[] rule : rules) {
            if (rule.length > 1 && fires(rule, normalized)) {
                return true;
            }
        }
        return false;
    }

    /** Number of rules that fire on {@code normalized}. */
    public int countMatches(CharSequence normalized) {
        int n = 0;
        for (Pattern[] rule : rules) {
            if (fires(rule, normalized)) {
                n++;
            }
        }
        return n;
    }

    public int size() {
        return rules.size();
    }

    private static boolean fires(Pattern[] rule, CharSequence text) {
        for (Pattern p : rule) {
            if (!p.matcher(text).find()) {
                return false;
            }
        }
        return true;
    }
}
