package io.distillguard.policy.decision;

/**
 * Which extraction-friendly features the gateway withholds from a degraded scope.
 *
 * @param stripLogprobs              remove logprobs/top_logprobs from requests (and so from responses)
 * @param refuseLogitBiasWithLogprobs reject requests that send logit_bias together with logprobs (projection stealing)
 * @param maxN                       cap on n (choices per request), or null for no cap
 * @param maxTokens                  cap on max_tokens, or null for no cap
 * @param dropReasoning              drop reasoning content from responses
 */
public record DegradeSpec(boolean stripLogprobs, boolean refuseLogitBiasWithLogprobs, Integer maxN, Integer maxTokens,
                          boolean dropReasoning) {

    public DegradeSpec {
        if (maxN != null && maxN < 1) {
            throw new IllegalArgumentException("max_n must be >= 1: " + maxN);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be >= 1: " + maxTokens);
        }
    }

    /** Number of restrictions this spec applies: a degrade that withholds more ranks as more severe. */
    public int restrictions() {
        return (stripLogprobs ? 1 : 0) + (refuseLogitBiasWithLogprobs ? 1 : 0) + (maxN != null ? 1 : 0)
                + (maxTokens != null ? 1 : 0) + (dropReasoning ? 1 : 0);
    }
}
