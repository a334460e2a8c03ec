package io.distillguard.metering;

import io.distillguard.event.Endpoint;
import io.distillguard.event.RequestParams;

/**
 * What the request path hands to the metering worker when a request ends: everything for its usage event except the
 * prompt features, which the worker computes off the event loop.
 */
public record MeteringRecord(
        String requestId,
        long timestampMs,
        String orgId,
        String accountId,
        String keyId,
        String entityId,
        String clientIp,
        String clientFingerprint,
        String userAgent,
        String model,
        Endpoint endpoint,
        RequestParams params,
        PromptText prompt,
        MeteredUsage usage,
        int status,
        String errorCode,
        long latencyMs,
        long ttftMs,
        boolean retainText,
        String responseText) {}
