package io.distillguard.link;

import java.util.List;

/**
 * Why two accounts were linked, kept for every link so an analyst (or the accused customer) can see the evidence.
 *
 * @param accountA  one account
 * @param accountB  the other
 * @param score     the pair's link score (noisy-OR of the evidence weights) in [0,1]
 * @param evidence  one phrase per kind of shared attribute, strongest first (e.g. "payment fingerprint pf_1")
 */
public record LinkReason(String accountA, String accountB, double score, List<String> evidence) {
    public LinkReason {
        evidence = List.copyOf(evidence);
    }

    /** "acct_a and acct_b share payment fingerprint pf_1 and 312 prompt templates (score 0.99)". */
    public String describe() {
        String joined = evidence.size() <= 1 ? String.join("", evidence)
                : String.join(", ", evidence.subList(0, evidence.size() - 1)) + " and " + evidence.getLast();
        return "%s and %s share %s (score %.2f)".formatted(accountA, accountB, joined, score);
    }
}
