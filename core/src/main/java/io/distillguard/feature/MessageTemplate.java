package io.distillguard.feature;

/**
 * The template one message was recognised as made from: what part of the text is the template, and the skeleton text
 * that the prompt's {@code templateHash} covers.
 *
 * @param kind     how the template was found
 * @param skeleton the template part of the masked text; for {@link Kind#TEXT} the whole masked text
 */
public record MessageTemplate(Kind kind, String skeleton) {

    /** How a message's template was found. */
    public enum Kind {
        /** A literal prefix recurring in traffic, the rest being the item. */
        PREFIX,
        /** A literal suffix recurring in traffic, the rest being the item. */
        SUFFIX,
        /** A recurring prefix and a recurring suffix around the item. */
        PREFIX_AND_SUFFIX,
        /** The short literal lines of the text (see {@link TemplateSkeleton#lines}). */
        LINES,
        /** No template visible: the whole masked text, so unrelated messages rarely share it. */
        TEXT
    }
}
