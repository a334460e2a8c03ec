package io.distillguard.watermark;

/**
 * Decides whether a word is a watermark slot: a member of a synonym class, in a capitalisation the replacement can
 * copy, not glued to a path, address, identifier or call, and not after "a"/"an" when the class mixes vowel and
 * consonant onsets. The watermarker and the detector apply exactly this rule, so they see the same slots.
 */
public final class SlotRule {

    private static final String BAD_BEFORE = "/@\\#$%&=+~<>^|`.";
    private static final String BAD_AFTER = "/@\\#$%&=+~<>^|`([";

    private final SynonymTable table;

    public SlotRule(SynonymTable table) {
        this.table = table;
    }

    /** The class of the slot, or null when the word is not a slot. */
    public SynonymClass slotClass(String raw, String lower, char before, char after, String previousLower) {
        SynonymClass synonymClass = table.classOf(lower);
        if (synonymClass == null || Casing.of(raw) == Casing.MIXED
                || BAD_BEFORE.indexOf(before) >= 0 || BAD_AFTER.indexOf(after) >= 0) {
            return null;
        }
        if (("a".equals(previousLower) || "an".equals(previousLower)) && synonymClass.mixesArticleForms()) {
            return null;
        }
        return synonymClass;
    }

    public SynonymTable table() {
        return table;
    }
}
