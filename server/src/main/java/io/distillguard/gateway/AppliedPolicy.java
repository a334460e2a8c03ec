package io.distillguard.gateway;

import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Degrade;
import io.distillguard.policy.decision.Throttle;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy decisions in force on one request, as the decision filter applied them, and what they withheld so far;
 * read by the response side (dropping reasoning, stripping logprobs) and by cost accounting when the request ends.
 * Confined to the request's event loop, so plain fields.
 */
public final class AppliedPolicy {

    /** Every active enforce decision covering the request, most severe first. */
    public final List<Decision> enforced;
    /** The degrade decisions among them, most severe first (each rewrites the request in turn). */
    public final List<Degrade> degrades = new ArrayList<>(2);
    /** The throttle in force, or null. */
    public Throttle throttle;
    /** Degrade decision that asked to drop reasoning from the response, or null. */
    public Degrade dropReasoning;
    /** Degrade decision that stripped logprobs from the request, or null; {@link #topLogprobs} is what was asked. */
    public Degrade strippedLogprobs;
    public int topLogprobs;
    /** Reasoning tokens removed from the response so far. */
    public long reasoningTokensDropped;
    /** Choices cut by n caps: their tokens are counted as withheld when the response's size is known. */
    public final List<WithheldChoices> withheldChoices = new ArrayList<>(1);

    public AppliedPolicy(List<Decision> enforced) {
        this.enforced = List.copyOf(enforced);
    }

    /** Whether a tag or any stronger decision covers the caller (FLAGGED retention keeps raw text then). */
    public boolean flagged() {
        return !enforced.isEmpty();
    }

    public double throttleFactor() {
        return throttle == null ? 1.0 : throttle.factor();
    }

    /** Choices a degrade decision cut from one request. */
    public record WithheldChoices(Degrade decision, int choices) {}
}
