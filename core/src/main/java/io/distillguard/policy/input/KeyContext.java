package io.distillguard.policy.input;

import java.util.Map;

/**
 * The API key whose traffic triggered the evaluation, with its own recent behaviour so that a key-scoped rule acts on
 * the key that did it rather than on every key of the entity. Seen by policies as {@code key}.
 *
 * @param id                 public key id ("" when the evaluation is not about one key)
 * @param ageDays            days since the key was created
 * @param requests1h         requests sent with the key in the last hour
 * @param logprobsRequests1h of those, requests that asked for logprobs / top_logprobs
 * @param logitBiasProbes1h  of those, requests that sent logit_bias together with logprobs
 * @param entityShare        the key's share in [0, 1] of its entity's requests in the last hour
 */
public record KeyContext(String id, long ageDays, long requests1h, long logprobsRequests1h, long logitBiasProbes1h,
        double entityShare) {

    public static final KeyContext NONE = new KeyContext("", 0);

    public KeyContext {
        if (requests1h < 0 || logprobsRequests1h < 0 || logitBiasProbes1h < 0) {
            throw new IllegalArgumentException("key request counts must be >= 0");
        }
        if (!(entityShare >= 0 && entityShare <= 1)) {
            throw new IllegalArgumentException("key entity_share must be in [0, 1], got " + entityShare);
        }
    }

    /** A key known only by id and age (no recent traffic reported). */
    public KeyContext(String id, long ageDays) {
        this(id, ageDays, 0, 0, 0, 0.0);
    }

    public Map<String, Object> toCel() {
        return Map.of("id", AccountContext.nz(id), "age_days", ageDays, "requests_1h", requests1h,
                "logprobs_requests_1h", logprobsRequests1h, "logit_bias_probes_1h", logitBiasProbes1h,
                "entity_share", entityShare);
    }
}
