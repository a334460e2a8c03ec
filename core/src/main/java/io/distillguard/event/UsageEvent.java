package io.distillguard.event;

import java.util.Objects;

/**
 * One request through the gateway, exactly as metered. The unit everything downstream consumes: the durable usage log,
 * the detectors (live or replayed), the policy backtest and the evaluation harness. Immutable; built by the gateway's
 * metering stage after the response completed (or failed).
 *
 * <p>Raw text ({@link #promptText}, {@link #responseText}) is present only where the operator's retention setting
 * keeps it; every feature a detector needs is precomputed in {@link #prompt} so that replay reproduces live results.
 *
 * @param requestId     gateway-assigned id, unique per request ({@code req_...})
 * @param timestampMs   event time in epoch milliseconds: when the request was admitted, on the gateway's clock
 * @param orgId         organisation of the calling key ({@code null} only for unauthenticated requests)
 * @param accountId     account of the calling key
 * @param keyId         public id of the API key (never the secret)
 * @param entityId      entity that controlled the account at admission time (see the linking module)
 * @param clientIp      client address: socket peer, or X-Forwarded-For when the peer is a trusted proxy
 * @param clientFingerprint fingerprint header set by a fronting proxy (e.g. JA4), when configured; may be null
 * @param userAgent     User-Agent header; may be null
 * @param model         requested model
 * @param endpoint      which API was called
 * @param params        request parameters that matter for extraction
 * @param prompt        features of the prompt
 * @param inputTokens   prompt tokens, from the upstream's usage (or tokenizer fallback, see {@link #usageSource})
 * @param outputTokens  completion tokens, likewise
 * @param status        HTTP status returned to the client
 * @param errorCode     OpenAI-style error code when the request failed, else null
 * @param latencyMs     time from admission to the last byte
 * @param ttftMs        time to first token for streamed responses, else -1
 * @param usageSource   where the token counts came from
 * @param promptText    normalised prompt text when retained, else null
 * @param responseText  response text when retained, else null
 */
public record UsageEvent(
        String requestId,
        long timestampMs,
        String orgId,
        String accountId,
        String keyId,
        String entityId,
        String clientIp,
        String clientFingerprint,
        String userAgent,
        String model,
        Endpoint endpoint,
        RequestParams params,
        PromptFeatures prompt,
        long inputTokens,
        long outputTokens,
        int status,
        String errorCode,
        long latencyMs,
        long ttftMs,
        UsageSource usageSource,
        String promptText,
        String responseText) {

    public UsageEvent {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(usageSource, "usageSource");
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
    }

    /** Total tokens this request consumed. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** True when the upstream produced a response the client received (2xx). */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** A copy without raw text, for stores whose retention setting keeps none. */
    public UsageEvent withoutText() {
        if (promptText == null && responseText == null) {
            return this;
        }
        return new UsageEvent(requestId, timestampMs, orgId, accountId, keyId, entityId, clientIp, clientFingerprint,
                userAgent, model, endpoint, params, prompt, inputTokens, outputTokens, status, errorCode, latencyMs,
                ttftMs, usageSource, null, null);
    }
}
