package io.distillguard.gateway.filter;

import io.distillguard.gateway.ApiError;
import io.distillguard.gateway.Exchange;
import io.distillguard.gateway.FilterOutcome;
import io.distillguard.gateway.RequestFilter;
import io.distillguard.metering.MeteringPipeline;
import java.util.function.BooleanSupplier;

/**
 * Refuses new requests with 503 while usage cannot be recorded: the metering queue is full, or the event log says it
 * is saturated (a full Kafka spool with {@code whenFull: reject}). Overload never costs a usage record: an admitted
 * request is always metered, and the request path never waits on the store.
 */
public final class OverloadFilter implements RequestFilter {
    private final BooleanSupplier saturated;

    public OverloadFilter(MeteringPipeline pipeline) {
        this(pipeline::saturated);
    }

    /** A filter that rejects while {@code saturated} says so. */
    public OverloadFilter(BooleanSupplier saturated) {
        this.saturated = saturated;
    }

    @Override
    public FilterOutcome apply(Exchange ex) {
        if (saturated.getAsBoolean()) {
            return FilterOutcome.reject(ApiError.OVERLOADED.withMessage(
                    "The gateway is overloaded. Please retry after a short wait."));
        }
        return FilterOutcome.CONTINUE;
    }
}
