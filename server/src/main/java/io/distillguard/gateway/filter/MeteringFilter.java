package io.distillguard.gateway.filter;

import io.distillguard.gateway.Exchange;
import io.distillguard.gateway.ResponseFilter;
import io.distillguard.gateway.GatewayMetrics;
import io.distillguard.limit.ActualUsage;
import io.distillguard.limit.Quotas;
import io.distillguard.metering.MeteredUsage;
import io.distillguard.metering.MeteringPipeline;
import io.distillguard.metering.MeteringRecord;
import io.distillguard.metering.TokenCounter;
import io.distillguard.registry.Principal;
import java.util.function.Predicate;

/**
 * The end of every request: settles its token reservation with the exact usage (the upstream's, or the tokenizer's
 * count of what was delivered), and queues its metering record. Runs exactly once per request, whatever the outcome,
 * so every request appears once in the usage log.
 */
public final class MeteringFilter implements ResponseFilter {
    private final MeteringPipeline pipeline;
    private final Quotas quotas;
    private final TokenCounter tokens;
    private final Predicate<Exchange> retainText;
    private final GatewayMetrics metrics;

    public MeteringFilter(MeteringPipeline pipeline, Quotas quotas, TokenCounter tokens,
            Predicate<Exchange> retainText, GatewayMetrics metrics) {
        this.pipeline = pipeline;
        this.quotas = quotas;
        this.tokens = tokens;
        this.retainText = retainText;
        this.metrics = metrics;
    }

    @Override
    public void onComplete(Exchange ex) {
        MeteredUsage usage = !ex.forwarded ? MeteredUsage.NONE
                : ex.meter.hasUpstreamUsage() || ex.status < 400 || ex.status == 499
                        ? ex.meter.settle(tokens, ex.promptTokens)
                        : MeteredUsage.NONE;
        if (ex.reservation != null) {
            ActualUsage actual = usage.source() == io.distillguard.event.UsageSource.NONE ? ActualUsage.NONE
                    : new ActualUsage(usage.inputTokens(), usage.outputTokens());
            if (quotas.blocking()) {
                quotas.settleAsync(ex.reservation, actual); // a remote store is never waited on here (event loop)
            } else {
                quotas.settle(ex.reservation, actual);
            }
        }
        long latency = (System.nanoTime() - ex.startNanos) / 1_000_000;
        Principal p = ex.principal;
        boolean retain = p != null && retainText.test(ex);
        pipeline.submit(new MeteringRecord(ex.requestId, ex.startMillis,
                p == null ? null : p.org().id(), p == null ? null : p.account().id(), p == null ? null : p.key().id(),
                ex.entityId, ex.clientIp, ex.clientFingerprint, ex.userAgent, ex.model, ex.endpoint, ex.params,
                ex.prompt, usage, ex.status, ex.errorCode, latency, ex.ttftMillis, retain,
                retain ? ex.meter.text() : null));
        metrics.recordRequest(ex, usage, latency);
    }
}
