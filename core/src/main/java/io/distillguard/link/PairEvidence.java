package io.distillguard.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything two accounts are known to share: per kind the shared value (weighted by its current rarity) and how many
 * distinct values of that kind they share, the number and rarity-weighted strength of shared prompt templates,
 * correlated timing and operator merges. The pair's score is the noisy-OR of the weights: 1 - prod(1 - w), where a
 * kind with k distinct shared values counts k times (two accounts seen on the same three rare networks of a rotating
 * proxy pool are more likely one operator than two accounts that once shared one network).
 */
final class PairEvidence {
    private static final LinkKind[] KINDS = LinkKind.values();
    private static final ValueHolders[] NONE = new ValueHolders[0];

    /** The account with the smaller id, and the other one. */
    final LinkState a;
    final LinkState b;
    /** The first shared value of each keyed kind, in kind order (templates, timing and operator are kept apart). */
    private ValueHolders[] shared = NONE;
    /** Distinct shared values per entry of {@code shared}. */
    private byte[] counts = new byte[0];
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
            if (counts[at] < Byte.MAX_VALUE) {
                counts[at]++;
            }
            return;
        }
        ValueHolders[] grown = Arrays.copyOf(shared, shared.length + 1);
        System.arraycopy(shared, at, grown, at + 1, shared.length - at);
        grown[at] = value;
        shared = grown;
        byte[] grownCounts = Arrays.copyOf(counts, counts.length + 1);
        System.arraycopy(counts, at, grownCounts, at + 1, counts.length - at);
        grownCounts[at] = 1;
        counts = grownCounts;
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
        for (int i = 0; i < shared.length; i++) {
            miss *= Math.pow(1 - shared[i].kind.weight(shared[i].count), counts[i]);
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
        int[] distinct = new int[KINDS.length];
        for (int i = 0; i < shared.length; i++) {
            ValueHolders value = shared[i];
            w[value.kind.ordinal()] = 1 - Math.pow(1 - value.kind.weight(value.count), counts[i]);
            values[value.kind.ordinal()] = value.value;
            holders[value.kind.ordinal()] = value.count;
            distinct[value.kind.ordinal()] = counts[i];
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
                default -> distinct[i] > 1
                        ? "%d shared %s values, e.g. %s (%d accounts)".formatted(distinct[i], kind.label(), values[i], holders[i])
                        : "%s %s (%d accounts)".formatted(kind.label(), values[i], holders[i]);
            });
        }
        return new LinkReason(a.accountId, b.accountId, score(), evidence);
    }
}
