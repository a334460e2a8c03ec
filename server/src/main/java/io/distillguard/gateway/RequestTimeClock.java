package io.distillguard.gateway;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The gateway's clock in simulations: each request carries the virtual time it was planned for (header
 * {@value #HEADER}: {@code EPOCH_MS;SEQ}), and every clock read made while the gateway serves it (the usage event's
 * timestamp, quota buckets, the decision cache) returns that time, so that requests in flight together each see their
 * own planned arrival time whatever the concurrency. Reads outside a request (metering worker, detection) see the
 * base clock, which the harness moves. The time travels in the Vert.x request's duplicated context. Only the
 * evaluation harness starts a gateway with this clock; a gateway on any other clock ignores the header.
 */
public final class RequestTimeClock extends Clock {
    public static final String HEADER = "X-DistillGuard-Sim-Time";
    private static final Object KEY = new Object();
    private static final Object SEQ_KEY = new Object();

    private final Clock base;

    public RequestTimeClock(Clock base) {
        this.base = base;
    }

    /** The planned time and harness sequence number of a request, as the header carries them. */
    public record Stamp(long epochMs, long seq) {
        public String header() {
            return epochMs + ";" + seq;
        }

        static Stamp parse(String value) {
            if (value == null) {
                return null;
            }
            int semi = value.indexOf(';');
            try {
                return semi < 0 ? new Stamp(Long.parseLong(value.strip()), -1)
                        : new Stamp(Long.parseLong(value.substring(0, semi).strip()),
                                Long.parseLong(value.substring(semi + 1).strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * Binds the request's planned time to the current (per-request) context; returns the stamp, or null when the
     * request has none or the current context is not a request's own.
     */
    Stamp bind(HttpServerRequest req) {
        Stamp stamp = Stamp.parse(req.getHeader(HEADER));
        if (stamp != null && Vertx.currentContext() instanceof ContextInternal ci && ci.isDuplicate()) {
            ci.localContextData().put(KEY, stamp.epochMs());
            ci.localContextData().put(SEQ_KEY, stamp.seq());
            return stamp;
        }
        return null;
    }

    /** The harness sequence number of the request being served in the current context, or -1. */
    public static long currentSequence() {
        Context c = Vertx.currentContext();
        if (c instanceof ContextInternal ci && ci.isDuplicate() && ci.localContextData().get(SEQ_KEY) instanceof Long s) {
            return s;
        }
        return -1;
    }

    @Override
    public long millis() {
        Context c = Vertx.currentContext();
        if (c instanceof ContextInternal ci && ci.isDuplicate() && ci.localContextData().get(KEY) instanceof Long t) {
            return t;
        }
        return base.millis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
