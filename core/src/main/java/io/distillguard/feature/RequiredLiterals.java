package io.distillguard.feature;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Derives from a regular expression a set of literal strings at least one of which every match contains, so that a
 * multi-literal scan ({@link PatternRules}) can skip the regex on texts that contain none of them. Understands the
 * subset of {@link java.util.regex.Pattern} syntax the rule files use (literals, escapes, small character classes,
 * groups, alternation, quantifiers, zero-width assertions); anything else yields no set, which is always safe: the
 * regex then runs on every text. Sound by construction, never approximate: literals are matched case-sensitively,
 * as the rule patterns are (no inline flags are accepted).
 */
final class RequiredLiterals {

    /** Largest literal set kept while expanding alternations and small classes. */
    private static final int MAX_SET = 64;

    private final String re;
    private int pos;

    private RequiredLiterals(String re) {
        this.re = re;
    }

    /** A non-empty set of non-empty literals one of which every match of {@code regex} contains, when derivable. */
    static Optional<Set<String>> of(String regex) {
        try {
            RequiredLiterals p = new RequiredLiterals(regex);
            Info info = p.alternation();
            if (p.pos != regex.length()) {
                return Optional.empty();
            }
            return Optional.ofNullable(info.cover());
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /**
     * What is known of a sub-expression: {@code exact} all the strings it can match (null: unknown or too many);
     * {@code cover} literals one of which each of its matches contains (null: none known).
     */
    private record Info(Set<String> exact, Set<String> cover) {
        static Info of(Set<String> exact) {
            return new Info(exact, allNonEmpty(exact) ? exact : null);
        }
    }

    private Info alternation() {
        Info first = sequence();
        if (pos >= re.length() || re.charAt(pos) != '|') {
            return first;
        }
        Set<String> exact = first.exact() == null ? null : new LinkedHashSet<>(first.exact());
        Set<String> cover = first.cover() == null ? null : new LinkedHashSet<>(first.cover());
        while (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            Info next = sequence();
            exact = union(exact, next.exact());
            cover = union(cover, next.cover());
        }
        return new Info(exact, cover);
    }

    private Info sequence() {
        java.util.List<Info> items = new java.util.ArrayList<>();
        while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
            items.add(quantified(atom()));
        }
        Set<String> best = null;
        for (int i = 0; i < items.size(); i++) {
            best = better(best, items.get(i).cover());
            Set<String> run = Set.of("");
            for (int j = i; j < items.size() && run != null && items.get(j).exact() != null; j++) {
                run = product(run, items.get(j).exact());
                if (run != null && allNonEmpty(run)) {
                    best = better(best, run);
                }
            }
        }
        Set<String> exact = Set.of("");
        for (Info item : items) {
            exact = exact == null || item.exact() == null ? null : product(exact, item.exact());
        }
        return new Info(exact, best);
    }

    private Info quantified(Info atom) {
        if (pos >= re.length()) {
            return atom;
        }
        char c = re.charAt(pos);
        int min;
        int max;
        if (c == '?' || c == '*' || c == '+') {
            pos++;
            min = c == '+' ? 1 : 0;
            max = c == '?' ? 1 : Integer.MAX_VALUE;
        } else if (c == '{') {
            int close = re.indexOf('}', pos);
            if (close < 0) {
                throw new Unsupported();
            }
            String[] bounds = re.substring(pos + 1, close).split(",", -1);
            try {
                min = Integer.parseInt(bounds[0].strip());
                max = bounds.length == 1 ? min
                        : bounds[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1].strip());
            } catch (NumberFormatException e) {
                throw new Unsupported();
            }
            pos = close + 1;
        } else {
            return atom;
        }
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
            pos++; // lazy or possessive: same strings
        }
        if (min == 1 && max == 1) {
            return atom;
        }
        if (min == 0) {
            Set<String> exact = max == 1 && atom.exact() != null ? union(atom.exact(), Set.of("")) : null;
            return new Info(exact, null);
        }
        return new Info(null, atom.cover());
    }

    private Info atom() {
        char c = re.charAt(pos++);
        switch (c) {
            case '(' -> {
                Info inner;
                if (re.startsWith("?:", pos)) {
                    pos += 2;
                    inner = alternation();
                } else if (re.startsWith("?=", pos) || re.startsWith("?!", pos) || re.startsWith("?<=", pos)
                        || re.startsWith("?<!", pos)) {
                    pos += re.charAt(pos + 1) == '<' ? 3 : 2;
                    alternation();
                    inner = Info.of(Set.of(""));
                } else if (pos < re.length() && re.charAt(pos) == '?') {
                    throw new Unsupported(); // inline flags, named or atomic groups
                } else {
                    inner = alternation();
                }
                if (pos >= re.length() || re.charAt(pos) != ')') {
                    throw new Unsupported();
                }
                pos++;
                return inner;
            }
            case '[' -> {
                return characterClass();
            }
            case '\\' -> {
                return escape();
            }
            case '^', '$' -> {
                return Info.of(Set.of(""));
            }
            case '.' -> {
                return new Info(null, null);
            }
            case ')', '|', '?', '*', '+', '{' -> throw new Unsupported();
            default -> {
                return Info.of(Set.of(String.valueOf(c)));
            }
        }
    }

    private Info escape() {
        if (pos >= re.length()) {
            throw new Unsupported();
        }
        char c = re.charAt(pos++);
        if (c == 'b' || c == 'B' || c == 'A' || c == 'z' || c == 'Z' || c == 'G') {
            return Info.of(Set.of(""));
        }
        if (c == 'p' || c == 'P') {
            if (pos < re.length() && re.charAt(pos) == '{') {
                int close = re.indexOf('}', pos);
                if (close < 0) {
                    throw new Unsupported();
                }
                pos = close + 1;
            } else {
                pos++;
            }
            return new Info(null, null);
        }
        if ("wWdDsShHvVR".indexOf(c) >= 0) {
            return new Info(null, null);
        }
        String literal = escapedLiteral(c);
        return Info.of(Set.of(literal));
    }

    /** The character an escape outside the letter escapes above stands for. */
    private static String escapedLiteral(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case 'f' -> "\f";
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    throw new Unsupported(); // hex, unicode and quoting escapes, back-references
                }
                yield String.valueOf(c);
            }
        };
    }

    /** A class of a few listed characters or small ranges; negations, nesting and intersections are unsupported. */
    private Info characterClass() {
        if (pos < re.length() && (re.charAt(pos) == '^' || re.charAt(pos) == ']')) {
            skipClass();
            return new Info(null, null);
        }
        Set<String> chars = new LinkedHashSet<>();
        boolean known = true;
        while (pos < re.length() && re.charAt(pos) != ']') {
            char c = re.charAt(pos++);
            if (c == '[' || (c == '&' && pos < re.length() && re.charAt(pos) == '&')) {
                throw new Unsupported();
            }
            if (c == '\\') {
                char e = re.charAt(pos++);
                if (Character.isLetter(e) && "ntrf".indexOf(e) < 0) {
                    if (e == 'p' || e == 'P') {
                        throw new Unsupported();
                    }
                    known = false;
                    continue;
                }
                c = escapedLiteral(e).charAt(0);
            }
            if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                pos++;
                char to = re.charAt(pos++);
                if (to == '\\' || to < c) {
                    throw new Unsupported();
                }
                if (to - c >= MAX_SET) {
                    known = false;
                    continue;
                }
                for (char x = c; x <= to; x++) {
                    chars.add(String.valueOf(x));
                }
            } else {
                chars.add(String.valueOf(c));
            }
        }
        if (pos >= re.length()) {
            throw new Unsupported();
        }
        pos++;
        return known && chars.size() <= MAX_SET ? Info.of(chars) : new Info(null, null);
    }

    private void skipClass() {
        pos++; // the '^' or a leading literal ']'
        while (pos < re.length() && re.charAt(pos) != ']') {
            char c = re.charAt(pos++);
            if (c == '[') {
                throw new Unsupported();
            }
            if (c == '\\') {
                pos++;
            }
        }
        if (pos >= re.length()) {
            throw new Unsupported();
        }
        pos++;
    }

    private static Set<String> product(Set<String> left, Set<String> right) {
        if ((long) left.size() * right.size() > MAX_SET) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String l : left) {
            for (String r : right) {
                out.add(l + r);
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a == null || b == null || a.size() + b.size() > MAX_SET) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    /** The more selective cover: longer shortest literal first, then fewer literals. */
    static Set<String> better(Set<String> a, Set<String> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int la = shortest(a);
        int lb = shortest(b);
        if (la != lb) {
            return la > lb ? a : b;
        }
        return b.size() < a.size() ? b : a;
    }

    private static int shortest(Set<String> s) {
        int min = Integer.MAX_VALUE;
        for (String x : s) {
            min = Math.min(min, x.length());
        }
        return min;
    }

    private static boolean allNonEmpty(Set<String> s) {
        if (s.isEmpty()) {
            return false;
        }
        for (String x : s) {
            if (x.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Syntax outside the understood subset: the caller falls back to running the regex always. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }
}
