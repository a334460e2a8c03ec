package io.distillguard.gateway;

import io.distillguard.metering.MeteredUsage;
import io.distillguard.event.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The gateway's Prometheus metrics (through Micrometer): requests by endpoint and status, tokens in and out, and
 * request latency. Meters are cached in an array by endpoint and status, so the request path neither builds strings
 * nor looks up maps for them.
 */
public final class GatewayMetrics {
    private final MeterRegistry registry;
    private static final int STATUSES = 600;
    /** Counters at index {@code endpoint.ordinal() * 600 + status}, registered on first use. */
    private final AtomicReferenceArray<Counter> requests =
            new AtomicReferenceArray<>(Endpoint.values().length * STATUSES);
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final Timer latency;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.inputTokens = Counter.builder("distillguard_tokens").tag("direction", "input")
                .description("Tokens metered").register(registry);
        this.outputTokens = Counter.builder("distillguard_tokens").tag("direction", "output")
                .description("Tokens metered").register(registry);
        this.latency = Timer.builder("distillguard_request_latency").description("Admission to last byte")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void recordRequest(Exchange ex, MeteredUsage usage, long latencyMs) {
        boolean cacheable = ex.status >= 0 && ex.status < STATUSES;
        int slot = ex.endpoint.ordinal() * STATUSES + ex.status;
        Counter counter = cacheable ? requests.get(slot) : null;
        if (counter == null) { // the registry returns the same counter to racing threads
            counter = Counter.builder("distillguard_requests")
                    .tag("endpoint", ex.endpoint.name().toLowerCase(java.util.Locale.ROOT))
                    .tag("status", Integer.toString(ex.status)).description("Requests by endpoint and status")
                    .register(registry);
            if (cacheable) {
                requests.set(slot, counter);
            }
        }
        counter.increment();
        inputTokens.increment(usage.inputTokens());
        outputTokens.increment(usage.outputTokens());
        latency.record(latencyMs, TimeUnit.MILLISECONDS);
    }
}
