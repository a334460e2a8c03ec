package io.distillguard.gateway;

import io.distillguard.metering.MeteredUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's Prometheus metrics (through Micrometer): requests by endpoint and status, tokens in and out, and
 * request latency. Meters are cached per tag set so the request path does one map lookup per counter.
 */
public final class GatewayMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> requests = new ConcurrentHashMap<>();
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
        String endpoint = ex.endpoint.name().toLowerCase(java.util.Locale.ROOT);
        String status = Integer.toString(ex.status);
        requests.computeIfAbsent(endpoint + '|' + status, k -> Counter.builder("distillguard_requests")
                .tag("endpoint", endpoint).tag("status", status).description("Requests by endpoint and status")
                .register(registry)).increment();
        inputTokens.increment(usage.inputTokens());
        outputTokens.increment(usage.outputTokens());
        latency.record(Duration.ofMillis(latencyMs));
    }
}
