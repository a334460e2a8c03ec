package io.distillguard.link;

/**
 * The kinds of shared attribute that link two accounts, with how strong a link each makes when the shared value is
 * rare, and how many holders make a value common enough to mean nothing (the weight falls with the logarithm of the
 * holder count and reaches 0 there; 0 means rarity does not weaken it: a card is a card however many accounts use it).
 */
public enum LinkKind {
    PAYMENT_FINGERPRINT("payment fingerprint", 0.95, 0),
    VERIFIED_ID("verified ID", 0.95, 0),
    EMAIL_DOMAIN("email domain", 0.35, 2000),
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
    private final int commonAt;

    LinkKind(String label, double baseWeight, int commonAt) {
        this.label = label;
        this.baseWeight = baseWeight;
        this.commonAt = commonAt;
    }

    public String label() {
        return label;
    }

    public double baseWeight() {
        return baseWeight;
    }

    /** Weight of a shared value held by {@code holders} accounts: base * (1 - ln(holders) / ln(commonAt)), >= 0. */
    public double weight(int holders) {
        if (commonAt == 0 || holders <= 1) {
            return baseWeight;
        }
        return baseWeight * rarity(holders);
    }

    /** 1 for a value held by one account, falling to 0 at {@code commonAt} holders. */
    public double rarity(int holders) {
        if (commonAt == 0 || holders <= 1) {
            return 1;
        }
        return Math.max(0, 1 - Math.log(holders) / Math.log(commonAt));
    }
}
