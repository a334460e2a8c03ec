package io.distillguard.gateway;

import io.distillguard.event.Endpoint;
import io.distillguard.event.RequestParams;
import io.distillguard.limit.Reservation;
import io.distillguard.metering.PromptText;
import io.distillguard.metering.ResponseMeter;
import io.distillguard.registry.Principal;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the filter chain knows about one request while it runs: who called, what they asked, what was reserved,
 * what came back. Created by {@link GatewayHandler}, read and written by filters, turned into a usage event at the end.
 * Confined to the request's event loop, so plain fields.
 */
public final class Exchange {
    public final String requestId;
    public final long startMillis;
    public final long startNanos;
    public final Endpoint endpoint;
    public final String clientIp;
    public final String clientFingerprint;
    public final String userAgent;
    public final String authorization;

    /** Parsed request body (null for GET). Filters that change it must call {@link #markBodyModified()}. */
    public JsonObject body;
    private boolean bodyModified;
    private boolean responseModified;
    public PromptText prompt = PromptText.EMPTY;
    public RequestParams params = RequestParams.NONE;
    public String model;
    public int promptTokens;

    public Principal principal;
    public String entityId;
    public Reservation reservation;

    /** Watermark strength the policy engine set for this response (scope FLAGGED); -1 means not set. */
    public double watermarkStrength = -1;

    /** True when the gateway added stream_options.include_usage itself, so the usage chunk must not reach the client. */
    public boolean usageChunkInjected;
    public final ResponseMeter meter;
    /** Headers every response to this request carries (x-ratelimit-*, x-request-id). */
    public final Map<String, String> responseHeaders = new LinkedHashMap<>();

    /** True once the request was sent upstream (so tokens may have been consumed). */
    public boolean forwarded;
    public int status;
    public String errorCode;
    public long ttftMillis = -1;
    public boolean completed;

    /** Policy decisions applied to this request by the decision filter, or null when none covers the caller. */
    public AppliedPolicy policy;
    /** Parameters as forwarded when the decision filter rewrote the request, else null ({@link #params} stays what
     *  the client asked, for metering and detection). */
    public RequestParams forwardedParams;
    /** Milliseconds to hold the request before forwarding it (throttle delay); 0 for none. */
    public long forwardDelayMillis;

    public Exchange(String requestId, long startMillis, long startNanos, Endpoint endpoint, String clientIp,
            String clientFingerprint, String userAgent, String authorization) {
        this.requestId = requestId;
        this.startMillis = startMillis;
        this.startNanos = startNanos;
        this.endpoint = endpoint;
        this.clientIp = clientIp;
        this.clientFingerprint = clientFingerprint;
        this.userAgent = userAgent;
        this.authorization = authorization;
        this.meter = new ResponseMeter(endpoint);
        responseHeaders.put("x-request-id", requestId);
    }

    public void markBodyModified() {
        bodyModified = true;
    }

    /**
     * Response filters that change a whole response body in place call this, so that the gateway encodes the body
     * again; otherwise the client gets the upstream's bytes as they came.
     */
    public void markResponseModified() {
        responseModified = true;
    }

    public boolean responseModified() {
        return responseModified;
    }

    public boolean bodyModified() {
        return bodyModified;
    }

    /** True once a key was authenticated. */
    public boolean authenticated() {
        return principal != null;
    }
}
