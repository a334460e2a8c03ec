package io.distillguard.watermark;

import java.util.List;
import java.util.Objects;

/**
 * Words that are interchangeable within one WordNet synset and one part of speech. The keyed hash picks which member
 * the watermarker emits; the detector checks how often a suspect text uses that member.
 *
 * @param id      stable index of the class in its {@link SynonymTable}
 * @param pos     WordNet part of speech ("noun", "verb", "adjective", "adverb")
 * @param synset  WordNet 3.1 synset offset the members share (for audit against WordNet)
 * @param members lowercase single-word forms, at least two, in a fixed order (the keyed hash indexes into it)
 */
public record SynonymClass(int id, String pos, long synset, List<String> members) {

    public SynonymClass {
        Objects.requireNonNull(pos, "pos");
        members = List.copyOf(members);
        if (members.size() < 2) {
            throw new IllegalArgumentException("a synonym class needs at least two members: " + members);
        }
    }

    public int size() {
        return members.size();
    }

    public String member(int index) {
        return members.get(index);
    }

    /** True when members differ in whether they start with a vowel letter, so "a"/"an" would have to change. */
    public boolean mixesArticleForms() {
        boolean first = startsWithVowel(members.get(0));
        return members.stream().anyMatch(m -> startsWithVowel(m) != first);
    }

    private static boolean startsWithVowel(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0;
    }
}
