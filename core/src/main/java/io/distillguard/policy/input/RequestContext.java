package io.distillguard.policy.input;

import io.distillguard.event.Endpoint;
import io.distillguard.event.RequestParams;

import java.util.Map;

/**
 * The request that triggered the evaluation (the latest one of the scope), reduced to what policies test. Absent
 * values read as neutral defaults so that conditions stay total. Seen by policies as {@code request}.
 *
 * @param endpoint    endpoint name in lower case ({@code chat_completions}, {@code completions}, ...; "" for none)
 * @param model       requested model ("" when none)
 * @param n           choices asked for
 * @param maxTokens   max_tokens, 0 when absent
 * @param logprobs    whether logprobs were asked for
 * @param topLogprobs top_logprobs, 0 when absent
 * @param logitBias   number of logit_bias entries, 0 when absent
 * @param stream      whether a stream was asked for
 * @param temperature temperature, 1.0 (the API default) when absent
 */
public record RequestContext(String endpoint, String model, long n, long maxTokens, boolean logprobs,
                             long topLogprobs, long logitBias, boolean stream, double temperature) {

    /** For evaluations that are not about a request (scheduled re-evaluation of an entity). */
    public static final RequestContext NONE = new RequestContext("", "", 1, 0, false, 0, 0, false, 1.0);

    public static RequestContext of(Endpoint endpoint, String model, RequestParams p) {
        return new RequestContext(endpoint == null ? "" : endpoint.name().toLowerCase(), model == null ? "" : model,
                p.n(), p.maxTokens() == null ? 0 : p.maxTokens(), p.logprobs(), p.topLogprobs(), p.logitBiasSize(),
                p.stream(), p.temperature() == null ? 1.0 : p.temperature());
    }

    public Map<String, Object> toCel() {
        return Map.of("endpoint", AccountContext.nz(endpoint), "model", AccountContext.nz(model), "n", n,
                "max_tokens", maxTokens, "logprobs", logprobs, "top_logprobs", topLogprobs, "logit_bias", logitBias,
                "stream", stream, "temperature", temperature);
    }
}
