package io.distillguard.metering;

import io.distillguard.event.UsageSource;

/** Token counts a request is billed for, and where they came from. */
public record MeteredUsage(long inputTokens, long outputTokens, UsageSource source) {
    public static final MeteredUsage NONE = new MeteredUsage(0, 0, UsageSource.NONE);
}
