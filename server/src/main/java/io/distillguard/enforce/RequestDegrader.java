package io.distillguard.enforce;

import io.distillguard.event.Endpoint;
import io.distillguard.event.RequestParams;
import io.distillguard.gateway.ApiError;
import io.distillguard.policy.decision.DegradeSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Rewrites a request body per a {@link DegradeSpec}, so the upstream never produces what the decision withholds:
 * removes logprobs / top_logprobs (chat), the legacy integer {@code logprobs} (completions) and the logprobs include
 * (responses); refuses logit_bias together with logprobs; caps n / best_of and max_tokens / max_completion_tokens /
 * max_output_tokens (setting the cap when the request had none). Works on the body in place; stateless.
 */
public final class RequestDegrader {

    static final String RESPONSES_LOGPROBS_INCLUDE = "message.output_text.logprobs";

    private RequestDegrader() {}

    /**
     * Applies {@code spec} to {@code body} of {@code endpoint}; {@code asked} are the parameters the client sent
     * (the refusal looks at those, even when an earlier decision already stripped logprobs).
     */
    public static DegradeOutcome apply(Endpoint endpoint, JsonObject body, RequestParams asked, DegradeSpec spec) {
        if (body == null || endpoint == Endpoint.EMBEDDINGS || endpoint == Endpoint.MODELS) {
            return DegradeOutcome.Rewritten.UNCHANGED;
        }
        if (spec.refuseLogitBiasWithLogprobs() && asked.logitBiasWithLogprobs()) {
            return new DegradeOutcome.Refused(ApiError.LOGIT_BIAS_WITH_LOGPROBS.withMessage("logit_bias cannot be "
                    + "combined with logprobs or top_logprobs for this organization under the usage policy. "
                    + "Send the request with either logit_bias or logprobs, not both.", "logit_bias"));
        }
        boolean stripped = spec.stripLogprobs() && stripLogprobs(endpoint, body);
        int choicesWithheld = spec.maxN() == null ? 0 : capChoices(body, spec.maxN());
        long tokensWithheld = spec.maxTokens() == null ? 0 : capMaxTokens(endpoint, body, spec.maxTokens());
        boolean changed = stripped || choicesWithheld > 0 || tokensWithheld != 0;
        return changed ? new DegradeOutcome.Rewritten(true, stripped, choicesWithheld, Math.max(0, tokensWithheld))
                : DegradeOutcome.Rewritten.UNCHANGED;
    }

    private static boolean stripLogprobs(Endpoint endpoint, JsonObject body) {
        boolean removed = body.remove("logprobs") != null;
        removed |= body.remove("top_logprobs") != null;
        if (endpoint == Endpoint.RESPONSES && body.getValue("include") instanceof JsonArray include
                && include.contains(RESPONSES_LOGPROBS_INCLUDE)) {
            include.remove(RESPONSES_LOGPROBS_INCLUDE);
            removed = true;
        }
        return removed;
    }

    /** Caps n (and best_of); returns the choices cut. */
    private static int capChoices(JsonObject body, int maxN) {
        int cut = 0;
        if (body.getValue("n") instanceof Number n && n.intValue() > maxN) {
            cut = n.intValue() - maxN;
            body.put("n", maxN);
        }
        if (body.getValue("best_of") instanceof Number b && b.intValue() > maxN) {
            body.put("best_of", maxN);
        }
        return cut;
    }

    /**
     * Caps every max-tokens field present, or sets the endpoint's own field when none is. Returns the output tokens cut
     * over all choices (0 when the request set no limit: what it would have produced is unknown), or -1 when only a
     * missing limit was set (so the body changed but nothing countable was withheld).
     */
    private static long capMaxTokens(Endpoint endpoint, JsonObject body, int cap) {
        boolean present = false;
        long cut = 0;
        for (String field : new String[] {"max_completion_tokens", "max_tokens", "max_output_tokens"}) {
            if (body.getValue(field) instanceof Number v) {
                present = true;
                if (v.longValue() > cap) {
                    cut = Math.max(cut, v.longValue() - cap);
                    body.put(field, cap);
                }
            }
        }
        if (!present) {
            body.put(switch (endpoint) {
                case CHAT_COMPLETIONS -> "max_completion_tokens";
                case RESPONSES -> "max_output_tokens";
                default -> "max_tokens";
            }, cap);
            return -1;
        }
        int n = body.getValue("n") instanceof Number num ? Math.max(1, num.intValue()) : 1;
        return cut * n;
    }
}
