package io.distillguard.link;

/**
 * The kinds of shared attribute that link two accounts, with how strong a link each makes when the shared value is
 * rare, and how many holders make a value common enough to mean nothing (the weight falls with the logarithm of the
 * holder count and reaches 0 there; 0 means rarity does not weaken it: a card is a card however many accounts use it).
 * A private e-mail domain links alone up to 64 holders (a company's or a fleet's own domain: one controller; public
 * mail providers are never indexed) and weakens beyond, as a big provider missing from the public list would.
 */
public enum LinkKind {
    PAYMENT_FINGERPRINT("payment fingerprint", 0.95, 0),
    VERIFIED_ID("verified ID", 0.95, 0),
    EMAIL_DOMAIN("email domain", 0.65, 64, 5000),
    IP_PREFIX("network", 0.45, 256),
    ASN("ASN", 0.15, 64),
    CLIENT_FINGERPRINT("client fingerprint", 0.35, 256),
    USER_AGENT("user agent", 0.15, 64),
    SIGNUP_BURST("signup burst", 0.3, 200),
    PROMPT_TEMPLATE("prompt templates", 0.7, 2000),
    TIMING("correlated timing", 0.35, 0),
    OPERATOR("operator merge", 1.0, 0);

    private final String label;
    private final double baseWeight;
    private final int fullUpTo;
    private final int commonAt;

    LinkKind(String label, double baseWeight, int commonAt) {
        this(label, baseWeight, 1, commonAt);
    }

    LinkKind(String label, double baseWeight, int fullUpTo, int commonAt) {
        this.label = label;
        this.baseWeight = baseWeight;
        this.fullUpTo = fullUpTo;
        this.commonAt = commonAt;
    }

    public String label() {
        return label;
    }

    public double baseWeight() {
        return baseWeight;
    }

    /**
     * Weight of a shared value held by {@code holders} accounts: base up to {@code fullUpTo} holders, then
     * base * (1 - ln(holders / fullUpTo) / ln(commonAt / fullUpTo)), >= 0.
     */
    public double weight(int holders) {
        if (commonAt == 0 || holders <= fullUpTo) {
            return baseWeight;
        }
        return baseWeight * rarity(holders);
    }

    /** 1 for a value held by up to {@code fullUpTo} accounts, falling to 0 at {@code commonAt} holders. */
    public double rarity(int holders) {
        if (commonAt == 0 || holders <= fullUpTo) {
            return 1;
        }
        return Math.max(0, 1 - Math.log((double) holders / fullUpTo) / Math.log((double) commonAt / fullUpTo));
    }
}
