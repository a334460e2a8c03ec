package io.distillguard.limit;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The state of every limit that applied to one request, in the order the scopes were given. The gateway turns it
 * into the OpenAI {@code x-ratelimit-*} headers through {@link RateLimitHeaders}.
 */
public record RateLimitStatus(List<LimitState> limits) {

    private static final Comparator<LimitState> MOST_CONSTRAINING = Comparator
            .comparingDouble(LimitState::remainingFraction)
            .thenComparing(Comparator.comparingLong(LimitState::resetMillis).reversed());

    public RateLimitStatus {
        limits = List.copyOf(limits);
    }

    /** The request limit with the smallest remaining share (longest reset on ties), if any applied. */
    public Optional<LimitState> requests() {
        return limits.stream().filter(s -> s.limit().dimension() == Dimension.REQUESTS).min(MOST_CONSTRAINING);
    }

    /** The input- or output-token limit with the smallest remaining share (longest reset on ties), if any applied. */
    public Optional<LimitState> tokens() {
        return limits.stream().filter(s -> s.limit().dimension().isTokens()).min(MOST_CONSTRAINING);
    }
}
