package io.distillguard.watermark;

/** Receives what {@link WordLexer} recognises, in text order. */
public interface TokenSink {

    /**
     * A complete prose word.
     *
     * @param before the character just before the word ('\0' at the start)
     * @param after  the character that ended the word ('\0' at the end)
     */
    void word(String raw, char before, char after);

    /** Prose text that is not a word (spaces, punctuation); readers that only count words ignore it. */
    default void text(CharSequence text) {
    }

    /** Text that must stay untouched and breaks the word sequence: code, structured output. */
    void code(CharSequence text);

    /** The text ended; readers without held-back state ignore it. */
    default void end() {
    }
}
