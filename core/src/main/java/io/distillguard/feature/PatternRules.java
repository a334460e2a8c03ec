package io.distillguard.feature;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ahocorasick.trie.PayloadTrie;

/**
 * A set of regular-expression rules loaded from a resource file, so that pattern lists stay out of Java code. One rule
 * per line; {@code #} starts a comment line; {@code  && } joins regexes that must all be found for the rule to fire.
 * Rules are written for normalised (NFKC, lower-case) text with Unicode
 * character classes ({@code \b} and {@code \w} know all scripts).
 *
 * <p>A text is scanned once by an Aho-Corasick automaton over the literals each rule needs (see
 * {@link RequiredLiterals}); only rules whose literals occur, and rules without derivable literals, run their regexes.
 * The answer is the same as running every regex. Immutable and thread-safe.
 */
public final class PatternRules {

    private final List<Rule> rules;
    /** Literal -> indexes of the rules it is a candidate for; null when no rule has literals. */
    private final PayloadTrie<int[]> prefilter;
    /** Rules whose regexes run on every text, having no literal set. */
    private final BitSet unfiltered = new BitSet();

    /**
     * One rule: its regexes compiled with Unicode character classes, and with ASCII ones for ASCII text (same meaning
     * there, much faster).
     */
    private record Rule(Pattern[] unicode, Pattern[] ascii) {
        boolean fires(CharSequence text, boolean asciiText) {
            for (Pattern p : asciiText ? ascii : unicode) {
                if (!p.matcher(text).find()) {
                    return false;
                }
            }
            return true;
        }
    }

    private PatternRules(List<String[]> sources) {
        List<Rule> compiled = new ArrayList<>();
        Map<String, BitSet> literalRules = new LinkedHashMap<>();
        for (int r = 0; r < sources.size(); r++) {
            String[] parts = sources.get(r);
            Pattern[] unicode = new Pattern[parts.length];
            Pattern[] ascii = new Pattern[parts.length];
            Set<String> literals = null;
            for (int i = 0; i < parts.length; i++) {
                unicode[i] = Pattern.compile(parts[i], Pattern.UNICODE_CHARACTER_CLASS);
                ascii[i] = Pattern.compile(parts[i]);
                Optional<Set<String>> needed = RequiredLiterals.of(parts[i]);
                literals = RequiredLiterals.better(literals, needed.orElse(null));
            }
            compiled.add(new Rule(unicode, ascii));
            if (literals == null) {
                unfiltered.set(r);
            } else {
                for (String literal : literals) {
                    literalRules.computeIfAbsent(literal, k -> new BitSet()).set(r);
                }
            }
        }
        this.rules = List.copyOf(compiled);
        if (literalRules.isEmpty()) {
            this.prefilter = null;
        } else {
            PayloadTrie.PayloadTrieBuilder<int[]> builder = PayloadTrie.builder();
            literalRules.forEach((literal, ruleSet) -> builder.addKeyword(literal, ruleSet.stream().toArray()));
            this.prefilter = builder.build();
        }
    }

    /** Loads the rules in resource {@code name} next to this class. */
    public static PatternRules load(String name) {
        InputStream in = PatternRules.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalArgumentException("no pattern resource " + name);
        }
        List<String[]> rules = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                rules.add(line.split("\\s+&&\\s+"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("pattern resource " + name + " has no rules");
        }
        return new PatternRules(rules);
    }

    /** True when any rule fires on {@code normalized}. */
    public boolean anyMatch(CharSequence normalized) {
        BitSet candidates = candidates(normalized);
        boolean ascii = isAscii(normalized);
        for (int r = candidates.nextSetBit(0); r >= 0; r = candidates.nextSetBit(r + 1)) {
            if (rules.get(r).fires(normalized, ascii)) {
                return true;
            }
        }
        return false;
    }

    /** Number of rules that fire on {@code normalized}. */
    public int countMatches(CharSequence normalized) {
        BitSet candidates = candidates(normalized);
        boolean ascii = isAscii(normalized);
        int n = 0;
        for (int r = candidates.nextSetBit(0); r >= 0; r = candidates.nextSetBit(r + 1)) {
            if (rules.get(r).fires(normalized, ascii)) {
                n++;
            }
        }
        return n;
    }

    public int size() {
        return rules.size();
    }

    /** Number of rules that have a literal prefilter (the others run on every text). */
    int filteredRules() {
        return rules.size() - unfiltered.cardinality();
    }

    /** The rules that may fire on {@code text}: those whose literals occur in it, and the unfiltered ones. */
    private BitSet candidates(CharSequence text) {
        BitSet candidates = (BitSet) unfiltered.clone();
        if (prefilter != null) {
            prefilter.parseText(text, emit -> {
                for (int r : emit.getPayload()) {
                    candidates.set(r);
                }
                return true;
            });
        }
        return candidates;
    }

    private static boolean isAscii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
