package io.distillguard.gateway.filter;

import io.distillguard.gateway.ApiError;
import io.distillguard.gateway.Exchange;
import io.distillguard.gateway.FilterOutcome;
import io.distillguard.gateway.RequestFilter;
import io.distillguard.metering.MeteringPipeline;

/**
 * Refuses new requests with 503 while the metering queue is full, so that overload never costs a usage record: an
 * admitted request is always metered, and the request path never waits on the store.
 */
public final class OverloadFilter implements RequestFilter {
    private final MeteringPipeline pipeline;

    public OverloadFilter(MeteringPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public FilterOutcome apply(Exchange ex) {
        if (pipeline.saturated()) {
            return FilterOutcome.reject(ApiError.OVERLOADED.withMessage(
                    "The gateway is overloaded. Please retry after a short wait."));
        }
        return FilterOutcome.CONTINUE;
    }
}
