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

    /**
     * The same status without the limits of {@code hidden} scope kinds, e.g. without ENTITY so that headers do not
     * show a client that its account is being counted together with others.
     */
    public RateLimitStatus without(ScopeKind... hidden) {
        List<ScopeKind> drop = List.of(hidden);
        return new RateLimitStatus(limits.stream().filter(s -> !drop.contains(s.scope())).toList());
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
