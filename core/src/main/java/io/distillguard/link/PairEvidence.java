package io.distillguard.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything two accounts are known to share: per kind the shared value (weighted by its current rarity), the
 * number and rarity-weighted strength of shared prompt templates, correlated timing and operator merges. The pair's
 * score is the noisy-OR of the weights: 1 - prod(1 - w).
 */
final class PairEvidence {
    private static final LinkKind[] KINDS = LinkKind.values();
    private static final ValueHolders[] NONE = new ValueHolders[0];

    /** The account with the smaller id, and the other one. */
    final LinkState a;
    final LinkState b;
    /** The first shared value of each keyed kind, in kind order (templates, timing and operator are kept apart). */
    private ValueHolders[] shared = NONE;
    private int sharedTemplates;
    private double templateStrength;
    private double timingJaccard;
    private boolean operator;
    boolean linked;

    PairEvidence(LinkState x, LinkState y) {
        boolean xFirst = x.accountId.compareTo(y.accountId) <= 0;
        this.a = xFirst ? x : y;
        this.b = xFirst ? y : x;
    }

    LinkState other(LinkState account) {
        return account == a ? b : a;
    }

    /** Records a shared attribute value. */
    void share(ValueHolders value, double rarity) {
        if (value.kind == LinkKind.PROMPT_TEMPLATE) {
            sharedTemplates++;
            templateStrength += rarity;
            return;
        }
        int at = 0;
        while (at < shared.length && shared[at].kind.ordinal() < value.kind.ordinal()) {
            at++;
        }
        if (at < shared.length && shared[at].kind == value.kind) {
            return;
        }
        ValueHolders[] grown = Arrays.copyOf(shared, shared.length + 1);
        System.arraycopy(shared, at, grown, at + 1, shared.length - at);
        grown[at] = value;
        shared = grown;
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

    /** Noisy-OR of the evidence weights, with rarity taken from the values' current holder counts. */
    double score() {
        double miss = 1;
        for (ValueHolders value : shared) {
            miss *= 1 - value.kind.weight(value.count);
        }
        miss *= 1 - templateWeight();
        miss *= 1 - timingWeight();
        miss *= 1 - (operator ? 1 : 0);
        return 1 - miss;
    }

    private double templateWeight() {
        return LinkKind.PROMPT_TEMPLATE.baseWeight() * (1 - Math.exp(-templateStrength / 6));
    }

    private double timingWeight() {
        return LinkKind.TIMING.baseWeight() * Math.max(0, Math.min(1, (timingJaccard - 0.5) / 0.4));
    }

    LinkReason reason() {
        double[] w = new double[KINDS.length];
        String[] values = new String[KINDS.length];
        int[] holders = new int[KINDS.length];
        for (ValueHolders value : shared) {
            w[value.kind.ordinal()] = value.kind.weight(value.count);
            values[value.kind.ordinal()] = value.value;
            holders[value.kind.ordinal()] = value.count;
        }
        w[LinkKind.PROMPT_TEMPLATE.ordinal()] = templateWeight();
        w[LinkKind.TIMING.ordinal()] = timingWeight();
        w[LinkKind.OPERATOR.ordinal()] = operator ? 1 : 0;
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
                default -> "%s %s (%d accounts)".formatted(kind.label(), values[i], holders[i]);
            });
        }
        return new LinkReason(a.accountId, b.accountId, score(), evidence);
    }
}
