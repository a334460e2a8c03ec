package io.distillguard.gateway.filter;

import io.distillguard.config.LimitsConfig;
import io.distillguard.event.Endpoint;
import io.distillguard.gateway.ApiError;
import io.distillguard.gateway.Exchange;
import io.distillguard.gateway.FilterOutcome;
import io.distillguard.gateway.RequestFilter;
import io.distillguard.limit.Admission;
import io.distillguard.limit.Demand;
import io.distillguard.limit.Dimension;
import io.distillguard.limit.LimitSpec;
import io.distillguard.limit.Quotas;
import io.distillguard.limit.RateLimitErrors;
import io.distillguard.limit.RateLimitHeaders;
import io.distillguard.limit.Scope;
import io.distillguard.limit.ScopeKind;
import io.distillguard.metering.TokenCounter;
import io.distillguard.registry.Principal;
import io.distillguard.registry.Tier;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits a request against its key's, account's, organisation's and entity's limits at once, reserving the prompt
 * tokens (counted with the tokenizer) plus the most output it may produce; the reservation is settled with the actual
 * usage when the request completes. A rejection becomes OpenAI's 429 body and {@code x-ratelimit-*} headers. With limits
 * in a remote store (Redis) the admission runs off the event loop and the filter answers {@link FilterOutcome.Later}.
 */
public final class AdmissionFilter implements RequestFilter {
    private final Quotas quotas;
    private final LimitsConfig config;
    private final TokenCounter tokens;
    private final RateLimitErrors errors = new RateLimitErrors("https://platform.openai.com/account/rate-limits");
    private final LimitScaler scaler;
    private static final int MAX_CACHED_TIERS = 1024;
    private final ConcurrentHashMap<Tier, TierLimits> unthrottled = new ConcurrentHashMap<>();

    /** Lets the policy engine lower an entity's limits (throttle); 1.0 means unchanged. */
    @FunctionalInterface
    public interface LimitScaler {
        double factor(Exchange exchange);

        LimitScaler NONE = ex -> 1.0;
    }

    public AdmissionFilter(Quotas quotas, LimitsConfig config, TokenCounter tokens, LimitScaler scaler) {
        this.quotas = quotas;
        this.config = config;
        this.tokens = tokens;
        this.scaler = scaler;
    }

    @Override
    public FilterOutcome apply(Exchange ex) {
        Principal p = ex.principal;
        Tier tier = p.tier();
        ex.promptTokens = tokens.countPrompt(ex.prompt) + ex.prompt.extraTokens();
        long defaultMax = tier.maxTokensCeiling() > 0 ? tier.maxTokensCeiling() : config.defaultMaxTokens();
        var sent = ex.forwardedParams != null ? ex.forwardedParams : ex.params; // as capped by a degrade decision
        boolean producesOutput = ex.endpoint != Endpoint.EMBEDDINGS && ex.endpoint != Endpoint.MODELS;
        Demand demand = producesOutput
                ? Demand.forCompletion(ex.promptTokens, sent.maxTokens(), sent.n(), defaultMax)
                : new Demand(1, ex.promptTokens, 0);
        double throttle = scaler.factor(ex);
        TierLimits limits = throttle == 1.0 ? unthrottled.computeIfAbsent(tier, this::limitsOf)
                : limitsOf(tier, throttle);
        if (unthrottled.size() > MAX_CACHED_TIERS) { // tiers edited many times: forget the old ones
            unthrottled.clear();
        }
        List<Scope> scopes = List.of(
                new Scope(ScopeKind.KEY, p.key().id(), limits.base()),
                new Scope(ScopeKind.ACCOUNT, p.account().id(), limits.base()),
                new Scope(ScopeKind.ORG, p.org().id(), limits.org()),
                new Scope(ScopeKind.ENTITY, ex.entityId, limits.entity()));
        if (!quotas.blocking()) {
            return outcome(ex, quotas.admit(scopes, demand));
        }
        Context context = Vertx.currentContext();
        var admission = quotas.admitAsync(scopes, demand);
        Future<Admission> decided = context != null ? Future.fromCompletionStage(admission, context)
                : Future.fromCompletionStage(admission);
        return new FilterOutcome.Later(decided.map(a -> outcome(ex, a)));
    }

    private FilterOutcome outcome(Exchange ex, Admission admission) {
        Principal p = ex.principal;
        return switch (admission) {
            case Admission.Admitted a -> {
                ex.reservation = a.reservation();
                ex.responseHeaders.putAll(RateLimitHeaders.of(a.status()));
                yield FilterOutcome.CONTINUE;
            }
            case Admission.Rejected r -> FilterOutcome.reject(
                    (r.dimension() == Dimension.REQUESTS ? ApiError.RATE_LIMITED_REQUESTS : ApiError.RATE_LIMITED_TOKENS)
                            .withMessage(errors.message(r, ex.model, p.org().id()))
                            .withHeaders(RateLimitHeaders.of(r)));
            case Admission.Unavailable u -> FilterOutcome.reject(ApiError.RATE_LIMITED_REQUESTS
                    .withMessage(errors.unavailableMessage(u, ex.model, p.org().id()))
                    .withHeaders(RateLimitHeaders.of(u)));
        };
    }

    /** The limits of one tier at each level, built once per tier rather than per request. */
    private record TierLimits(List<LimitSpec> base, List<LimitSpec> org, List<LimitSpec> entity) {}

    private TierLimits limitsOf(Tier tier) {
        return limitsOf(tier, 1.0);
    }

    private TierLimits limitsOf(Tier tier, double throttle) {
        List<LimitSpec> base = List.copyOf(tierLimits(tier, throttle));
        return new TierLimits(base, List.copyOf(scale(base, config.orgMultiplier())),
                List.copyOf(scale(base, config.entityMultiplier())));
    }

    private static List<LimitSpec> tierLimits(Tier t, double factor) {
        List<LimitSpec> limits = new ArrayList<>(4);
        add(limits, LimitSpec::requestsPerMinute, t.requestsPerMinute(), factor);
        add(limits, LimitSpec::inputTokensPerMinute, t.inputTokensPerMinute(), factor);
        add(limits, LimitSpec::outputTokensPerMinute, t.outputTokensPerMinute(), factor);
        add(limits, LimitSpec::outputTokensPerDay, t.outputTokensPerDay(), factor);
        return limits;
    }

    private static void add(List<LimitSpec> limits, java.util.function.LongFunction<LimitSpec> make, long capacity,
            double factor) {
        if (capacity > 0) {
            limits.add(make.apply(Math.max(1, (long) Math.floor(capacity * factor))));
        }
    }

    private static List<LimitSpec> scale(List<LimitSpec> limits, double multiplier) {
        if (multiplier == 1.0) {
            return limits;
        }
        List<LimitSpec> out = new ArrayList<>(limits.size());
        for (LimitSpec l : limits) {
            out.add(l.withCapacity(Math.max(1, (long) Math.floor(l.capacity() * multiplier))));
        }
        return out;
    }
}
