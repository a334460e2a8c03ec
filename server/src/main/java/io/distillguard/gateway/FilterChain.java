package io.distillguard.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered filters of the gateway and the rules for walking them: request filters until one rejects; response
 * filters in order over a whole body or each stream event; completion hooks exactly once per request, each isolated
 * from the others' failures so metering runs even when another hook breaks.
 */
public final class FilterChain {
    private static final Logger LOG = LoggerFactory.getLogger(FilterChain.class);
    private final List<RequestFilter> requestFilters;
    private final List<ResponseFilter> responseFilters;

    public FilterChain(List<RequestFilter> requestFilters, List<ResponseFilter> responseFilters) {
        this.requestFilters = List.copyOf(requestFilters);
        this.responseFilters = List.copyOf(responseFilters);
    }

    /**
     * Runs the request filters until one rejects. When a filter answers {@link FilterOutcome.Later}, the rest of the
     * chain runs when it completes and the result is a {@code Later} of the whole chain; it never contains another.
     */
    public FilterOutcome runRequest(Exchange exchange) {
        return runFrom(exchange, 0);
    }

    private FilterOutcome runFrom(Exchange exchange, int first) {
        for (int i = first; i < requestFilters.size(); i++) {
            FilterOutcome outcome = requestFilters.get(i).apply(exchange);
            if (outcome instanceof FilterOutcome.Reject) {
                return outcome;
            }
            if (outcome instanceof FilterOutcome.Later later) {
                int next = i + 1;
                return new FilterOutcome.Later(later.outcome().compose(decided -> {
                    if (decided instanceof FilterOutcome.Reject) {
                        return Future.succeededFuture(decided);
                    }
                    FilterOutcome rest = runFrom(exchange, next);
                    return rest instanceof FilterOutcome.Later l ? l.outcome() : Future.succeededFuture(rest);
                }));
            }
        }
        return FilterOutcome.CONTINUE;
    }

    public JsonObject runBody(Exchange exchange, JsonObject body) {
        JsonObject current = body;
        for (ResponseFilter f : responseFilters) {
            JsonObject next = f.onBody(exchange, current);
            if (next != current) {
                exchange.markResponseModified();
            }
            current = next;
        }
        return current;
    }

    /** Runs one stream event through every filter; null when a filter dropped it. */
    public SseEvent runEvent(Exchange exchange, SseEvent event) {
        SseEvent current = event;
        for (ResponseFilter f : responseFilters) {
            current = f.onEvent(exchange, current);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** Runs the completion hooks once; later calls do nothing. */
    public void complete(Exchange exchange) {
        if (exchange.completed) {
            return;
        }
        exchange.completed = true;
        for (ResponseFilter f : responseFilters) {
            try {
                f.onComplete(exchange);
            } catch (RuntimeException e) {
                LOG.error("completion hook {} failed for {}", f.getClass().getSimpleName(), exchange.requestId, e);
            }
        }
    }
}
