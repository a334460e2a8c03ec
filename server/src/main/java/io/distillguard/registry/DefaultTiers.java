package io.distillguard.registry;

import java.util.List;

/**
 * The tiers seeded into an empty registry, shaped like OpenAI's usage tiers for a GPT-4o-class model: requests and
 * input tokens per minute from the public tier table, output at a quarter of input, a daily output cap.
 */
public final class DefaultTiers {

    public static final String FREE = "free";

    private DefaultTiers() {
    }

    public static List<Tier> all() {
        return List.of(
                new Tier(FREE, 3, 40_000, 10_000, 200_000, 4_096),
                new Tier("tier-1", 500, 30_000, 7_500, 2_000_000, 16_384),
                new Tier("tier-2", 5_000, 450_000, 112_500, 20_000_000, 16_384),
                new Tier("tier-3", 5_000, 800_000, 200_000, 50_000_000, 16_384),
                new Tier("tier-4", 10_000, 2_000_000, 500_000, 150_000_000, 16_384),
                new Tier("tier-5", 10_000, 30_000_000, 7_500_000, 1_000_000_000, 16_384));
    }
}
