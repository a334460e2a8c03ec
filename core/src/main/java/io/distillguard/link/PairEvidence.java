package io.distillguard.link;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Everything two accounts are known to share: per kind the shared value (weighted by its current rarity), the
 * number and rarity-weighted strength of shared prompt templates, correlated timing and operator merges. The pair's
 * score is the noisy-OR of the weights: 1 - prod(1 - w).
 */
final class PairEvidence {
    private static final LinkKind[] KINDS = LinkKind.values();

    final String a;
    final String b;
    private final String[] keys = new String[KINDS.length];
    private final String[] values = new String[KINDS.length];
    private int sharedTemplates;
    private double templateStrength;
    private double timingJaccard;
    private boolean operator;
    boolean linked;

    PairEvidence(String a, String b) {
        this.a = a.compareTo(b) <= 0 ? a : b;
        this.b = a.compareTo(b) <= 0 ? b : a;
    }

    String other(String account) {
        return account.equals(a) ? b : a;
    }

    /** Records a shared attribute value ({@code key} is its index key, {@code value} what to show). */
    void share(LinkKind kind, String key, String value, double rarity) {
        if (kind == LinkKind.PROMPT_TEMPLATE) {
            sharedTemplates++;
            templateStrength += rarity;
        } else if (keys[kind.ordinal()] == null) {
            keys[kind.ordinal()] = key;
            values[kind.ordinal()] = value;
        }
    }

    void timing(double jaccard) {
        timingJaccard = jaccard;
    }

    void operatorMerge() {
        operator = true;
    }

    boolean isOperator() {
        return operator;
    }

    /** Noisy-OR of the evidence weights, with rarity looked up now ({@code holders} gives a key's holder count). */
    double score(ToIntFunction<String> holders) {
        double miss = 1;
        for (double w : weights(holders)) {
            miss *= 1 - w;
        }
        return 1 - miss;
    }

    private double[] weights(ToIntFunction<String> holders) {
        double[] w = new double[KINDS.length];
        for (LinkKind kind : KINDS) {
            String key = keys[kind.ordinal()];
            if (key != null) {
                w[kind.ordinal()] = kind.weight(holders.applyAsInt(key));
            }
        }
        w[LinkKind.PROMPT_TEMPLATE.ordinal()] = templateWeight();
        w[LinkKind.TIMING.ordinal()] = LinkKind.TIMING.baseWeight()
                * Math.max(0, Math.min(1, (timingJaccard - 0.5) / 0.4));
        w[LinkKind.OPERATOR.ordinal()] = operator ? 1 : 0;
        return w;
    }

    private double templateWeight() {
        return LinkKind.PROMPT_TEMPLATE.baseWeight() * (1 - Math.exp(-templateStrength / 6));
    }

    LinkReason reason(ToIntFunction<String> holders) {
        double[] w = weights(holders);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0.005) {
                order.add(i);
            }
        }
        order.sort((x, y) -> Double.compare(w[y], w[x]));
        List<String> evidence = new ArrayList<>();
        for (int i : order) {
            LinkKind kind = KINDS[i];
            evidence.add(switch (kind) {
                case PROMPT_TEMPLATE -> sharedTemplates + " prompt templates";
                case TIMING -> "correlated timing (activity overlap %.2f)".formatted(timingJaccard);
                case OPERATOR -> "an operator merge";
                case PAYMENT_FINGERPRINT, VERIFIED_ID -> kind.label() + " " + values[i];
                default -> "%s %s (%d accounts)".formatted(kind.label(), values[i], holders.applyAsInt(keys[i]));
            });
        }
        return new LinkReason(a, b, score(holders), evidence);
    }
}
