package io.distillguard.limit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI's rate-limit response headers from a {@link RateLimitStatus}: limit, remaining and reset of the most
 * constraining request limit and of the most constraining token limit across all scopes, plus {@code retry-after}
 * and {@code retry-after-ms} for a rejection (which the OpenAI SDKs honour when retrying).
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** The {@code x-ratelimit-*} headers, in OpenAI's order; a family with no limit that applied is left out. */
    public static Map<String, String> of(RateLimitStatus status) {
        Map<String, String> headers = new LinkedHashMap<>();
        status.requests().ifPresent(s -> headers.put("x-ratelimit-limit-requests", limit(s)));
        status.tokens().ifPresent(s -> headers.put("x-ratelimit-limit-tokens", limit(s)));
        status.requests().ifPresent(s -> headers.put("x-ratelimit-remaining-requests", remaining(s)));
        status.tokens().ifPresent(s -> headers.put("x-ratelimit-remaining-tokens", remaining(s)));
        status.requests().ifPresent(s -> headers.put("x-ratelimit-reset-requests", reset(s)));
        status.tokens().ifPresent(s -> headers.put("x-ratelimit-reset-tokens", reset(s)));
        return headers;
    }

    /**
     * All headers of a 429: the {@code x-ratelimit-*} ones and, unless waiting cannot help, {@code retry-after}
     * (whole seconds, rounded up) and {@code retry-after-ms}.
     */
    public static Map<String, String> of(Admission.Rejected rejected) {
        Map<String, String> headers = of(rejected.status());
        if (!rejected.tooLarge()) {
            headers.put("retry-after", Long.toString(Math.ceilDiv(rejected.retryAfterMillis(), 1000L)));
            headers.put("retry-after-ms", Long.toString(rejected.retryAfterMillis()));
        }
        return headers;
    }

    /** {@code retry-after} and {@code retry-after-ms} of a 429 given while the shared limit store is unreachable. */
    public static Map<String, String> of(Admission.Unavailable unavailable) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("retry-after", Long.toString(Math.ceilDiv(unavailable.retryAfterMillis(), 1000L)));
        headers.put("retry-after-ms", Long.toString(unavailable.retryAfterMillis()));
        return headers;
    }

    private static String limit(LimitState state) {
        return Long.toString(state.limit().capacity());
    }

    private static String remaining(LimitState state) {
        return Long.toString(Math.max(0, state.remaining()));
    }

    private static String reset(LimitState state) {
        return OpenAiDurations.format(state.resetMillis());
    }
}
