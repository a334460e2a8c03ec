package io.distillguard.link;

import java.util.Arrays;

/**
 * One indexed attribute value and its holders: how many accounts hold it and the first few (the anchors new holders
 * pair with). Pairs point at it, so a pair's rarity-weighted score reads the current holder count directly.
 */
final class ValueHolders {
    final LinkKind kind;
    /** The value as shown in link reasons (null for a prompt template, which is shown as a count). */
    final String value;
    /** The template hash of a {@link LinkKind#PROMPT_TEMPLATE} value, else 0. */
    final long template;
    int count;
    /** The first anchor, and the others (most values have one holder, so no array until a second one). */
    private LinkState firstAnchor;
    private LinkState[] moreAnchors;

    ValueHolders(LinkKind kind, String value, long template) {
        this.kind = kind;
        this.value = value;
        this.template = template;
    }

    int anchorCount() {
        return firstAnchor == null ? 0 : moreAnchors == null ? 1 : moreAnchors.length + 1;
    }

    /** The {@code i}-th anchor, in the order they were added. */
    LinkState anchor(int i) {
        return i == 0 ? firstAnchor : moreAnchors[i - 1];
    }

    /** Puts {@code account} in the place of the {@code i}-th anchor (one whose pairs are full, see AccountLinker). */
    void replaceAnchor(int i, LinkState account) {
        if (i == 0) {
            firstAnchor = account;
        } else {
            moreAnchors[i - 1] = account;
        }
    }

    void addAnchor(LinkState account) {
        if (firstAnchor == null) {
            firstAnchor = account;
        } else if (moreAnchors == null) {
            moreAnchors = new LinkState[] {account};
        } else {
            moreAnchors = Arrays.copyOf(moreAnchors, moreAnchors.length + 1);
            moreAnchors[moreAnchors.length - 1] = account;
        }
    }
}
