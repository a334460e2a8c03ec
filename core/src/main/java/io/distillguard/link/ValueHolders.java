package io.distillguard.link;

import java.util.Arrays;

/**
 * One indexed attribute value and its holders: how many accounts hold it and the first few (the anchors new holders
 * pair with). Pairs point at it, so a pair's rarity-weighted score reads the current holder count directly.
 */
final class ValueHolders {
    private static final LinkState[] NO_ANCHORS = new LinkState[0];

    final LinkKind kind;
    /** The value as shown in link reasons (null for a prompt template, which is shown as a count). */
    final String value;
    /** The template hash of a {@link LinkKind#PROMPT_TEMPLATE} value, else 0. */
    final long template;
    int count;
    LinkState[] anchors = NO_ANCHORS;

    ValueHolders(LinkKind kind, String value, long template) {
        this.kind = kind;
        this.value = value;
        this.template = template;
    }

    void addAnchor(LinkState account) {
        anchors = Arrays.copyOf(anchors, anchors.length + 1);
        anchors[anchors.length - 1] = account;
    }
}
