package io.distillguard.watermark;

import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.Exc;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.dictionary.Dictionary;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Spells the regular inflections (noun plural; verb -s, -ed, -ing) of a synonym class, but only where every member
 * inflects by the plain rule: no irregular form in WordNet's exception lists, no consonant doubling, no y/o/f/sibilant
 * endings, and no mass-noun suffixes. A form that is itself a WordNet lemma (e.g. "news") is not produced.
 */
final class Inflections {

    private static final String VOWELS = "aeiou";
    private final Dictionary dictionary;
    private final Set<String> irregular = new HashSet<>();

    Inflections(Dictionary dictionary) throws JWNLException {
        this.dictionary = dictionary;
        for (POS pos : List.of(POS.NOUN, POS.VERB)) {
            for (Iterator<Exc> it = dictionary.getExceptionIterator(pos); it.hasNext(); ) {
                irregular.addAll(it.next().getExceptions());
            }
        }
    }

    /** Form name ("plural", "3sg", "past", "ing") to the inflected members, in member order. */
    Map<String, List<String>> regularForms(POS pos, List<String> members) throws JWNLException {
        Map<String, List<String>> forms = new LinkedHashMap<>();
        if (members.stream().anyMatch(irregular::contains)) {
            return forms;
        }
        if (pos == POS.NOUN && members.stream().noneMatch(m -> m.matches(".*(ing|ness|ism|ship|one|body|man|ics|ment|ation)"))) {
            put(forms, "plural", members, m -> sibilantOrVowelEnding(m) ? null : m + "s");
        } else if (pos == POS.VERB) {
            put(forms, "3sg", members, m -> sibilantOrVowelEnding(m) ? null : m + "s");
            put(forms, "past", members, m -> doubles(m) || m.endsWith("y") ? null : m.endsWith("e") ? m + "d" : m + "ed");
            put(forms, "ing", members, m -> doubles(m) || m.endsWith("ie") || m.endsWith("ee") ? null
                    : m.endsWith("e") ? m.substring(0, m.length() - 1) + "ing" : m + "ing");
        }
        return forms;
    }

    private void put(Map<String, List<String>> forms, String name, List<String> members, UnaryOperator<String> rule)
            throws JWNLException {
        List<String> inflected = members.stream().map(rule).toList();
        if (inflected.contains(null)) {
            return;
        }
        for (String form : inflected) {
            for (POS p : POS.getAllPOS()) {
                if (dictionary.getIndexWord(p, form) != null || irregular.contains(form)) {
                    return;
                }
            }
        }
        forms.put(name, inflected);
    }

    private static boolean sibilantOrVowelEnding(String word) {
        return word.matches(".*(s|x|z|ch|sh|y|o|f|fe|i|u)");
    }

    /** Ends consonant-vowel-consonant, where English often doubles the last consonant (occur, occurred). */
    private static boolean doubles(String word) {
        int n = word.length();
        return n >= 3 && !isVowel(word.charAt(n - 1)) && "wxy".indexOf(word.charAt(n - 1)) < 0
                && isVowel(word.charAt(n - 2)) && !isVowel(word.charAt(n - 3));
    }

    private static boolean isVowel(char c) {
        return VOWELS.indexOf(c) >= 0;
    }
}
