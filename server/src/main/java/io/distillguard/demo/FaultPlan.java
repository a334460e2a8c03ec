package io.distillguard.demo;

import java.util.Locale;

/**
 * Faults a request asks the simulator to inject, from its {@code x-sim-fault} header (comma-separated, e.g.
 * {@code slow-ttft:500,no-usage}): {@code 500} answers an upstream error, {@code reset} closes the connection part
 * way through the body or the stream, {@code hang} never answers, {@code slow-ttft:MS} delays the first token by MS
 * milliseconds, {@code no-usage} leaves usage out of every body and chunk.
 */
record FaultPlan(boolean serverError, boolean reset, boolean hang, long extraTtftMs, boolean omitUsage) {

    static final String HEADER = "x-sim-fault";
    static final FaultPlan NONE = new FaultPlan(false, false, false, 0, false);

    /** The plan a header value asks for (null or blank: none), or the 400 that rejects an unknown fault. */
    static Parsed<FaultPlan> parse(String header) {
        if (header == null || header.isBlank()) {
            return Parsed.ok(NONE);
        }
        boolean serverError = false;
        boolean reset = false;
        boolean hang = false;
        boolean omitUsage = false;
        long extraTtft = 0;
        for (String raw : header.split(",")) {
            String fault = raw.strip().toLowerCase(Locale.ROOT);
            if (fault.equals("500")) {
                serverError = true;
            } else if (fault.equals("reset")) {
                reset = true;
            } else if (fault.equals("hang")) {
                hang = true;
            } else if (fault.equals("no-usage")) {
                omitUsage = true;
            } else if (fault.startsWith("slow-ttft:") && fault.substring(10).matches("\\d{1,7}")) {
                extraTtft = Long.parseLong(fault.substring(10));
            } else {
                return Parsed.rejected(ApiError.invalid(null, "Unknown " + HEADER + " value '" + raw.strip()
                        + "': expected 500, reset, hang, slow-ttft:MS or no-usage."));
            }
        }
        return Parsed.ok(new FaultPlan(serverError, reset, hang, extraTtft, omitUsage));
    }
}
