package io.distillguard.policy.file;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code params:} block of a rule, as written. Which parameters an action accepts is checked by
 * {@link ActionTemplate#validate}; unknown keys are rejected by the parser.
 *
 * @param label                       tag: label (defaults to the rule name)
 * @param strength                    watermark: strength in (0, 1] (default 0.5)
 * @param stripLogprobs               degrade: remove logprobs/top_logprobs
 * @param refuseLogitBiasWithLogprobs degrade: refuse logit_bias together with logprobs
 * @param maxN                        degrade: cap on n
 * @param maxTokens                   degrade: cap on max_tokens
 * @param dropReasoning               degrade: drop reasoning content
 * @param factor                      throttle: share of the normal rate in (0, 1]
 * @param delayMs                     throttle: added latency per request
 * @param message                     require_verification: text shown to the caller
 * @param reason                      block: text returned to the caller
 */
public record ActionParams(String label, Double strength, Boolean stripLogprobs, Boolean refuseLogitBiasWithLogprobs,
                           Integer maxN, Integer maxTokens, Boolean dropReasoning, Double factor, Long delayMs,
                           String message, String reason) {

    public static final ActionParams NONE =
            new ActionParams(null, null, null, null, null, null, null, null, null, null, null);

    /** The parameters that are set, by their file name. */
    public Map<String, Object> present() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "label", label);
        put(m, "strength", strength);
        put(m, "strip_logprobs", stripLogprobs);
        put(m, "refuse_logit_bias_with_logprobs", refuseLogitBiasWithLogprobs);
        put(m, "max_n", maxN);
        put(m, "max_tokens", maxTokens);
        put(m, "drop_reasoning", dropReasoning);
        put(m, "factor", factor);
        put(m, "delay_ms", delayMs);
        put(m, "message", message);
        put(m, "reason", reason);
        return m;
    }

    /** Names of the set parameters that {@code action} does not take. */
    List<String> foreignTo(ActionType action) {
        List<String> allowed = switch (action) {
            case TAG -> List.of("label");
            case WATERMARK -> List.of("strength");
            case DEGRADE -> List.of("strip_logprobs", "refuse_logit_bias_with_logprobs", "max_n", "max_tokens",
                    "drop_reasoning");
            case THROTTLE -> List.of("factor", "delay_ms");
            case REQUIRE_VERIFICATION -> List.of("message");
            case BLOCK -> List.of("reason");
        };
        List<String> foreign = new ArrayList<>(present().keySet());
        foreign.removeAll(allowed);
        return foreign;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
