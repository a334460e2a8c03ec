package io.distillguard.link;

/**
 * Maps a client address to its autonomous system number, so that the linker can weigh a shared network operator
 * (a residential proxy's ASN, a small hosting provider) by how many accounts it carries. {@link #NONE} knows nothing:
 * the linker then uses only the signup ASN of {@link io.distillguard.detect.account.AccountProfile}.
 */
@FunctionalInterface
public interface AsnLookup {
    /** Knows no address. */
    AsnLookup NONE = ip -> 0;

    /** The ASN announcing {@code ip}, or 0 when unknown, not routed or not parsable. */
    int asnOf(String ip);
}
