package io.distillguard.sim.scenario;

import io.distillguard.registry.Tier;

/** A usage tier the scenario creates in the gateway before its accounts (validated like the registry's tiers). */
public record TierSpec(String name, long requestsPerMinute, long inputTokensPerMinute, long outputTokensPerMinute,
        long outputTokensPerDay, int maxTokensCeiling) {

    public TierSpec {
        toTier(name, requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, outputTokensPerDay,
                maxTokensCeiling == 0 ? 4096 : maxTokensCeiling);
        maxTokensCeiling = maxTokensCeiling == 0 ? 4096 : maxTokensCeiling;
    }

    public Tier tier() {
        return toTier(name, requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, outputTokensPerDay,
                maxTokensCeiling);
    }

    private static Tier toTier(String name, long rpm, long itpm, long otpm, long otpd, int ceiling) {
        return new Tier(name, rpm, itpm, otpm, otpd, ceiling);
    }
}
