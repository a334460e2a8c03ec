package io.distillguard.semantic;

/**
 * Settings of {@link EmbeddingSampler}. Immutable and validated.
 *
 * @param firstPerAccount the first this many events of each account are embedded (new accounts are seen at once)
 * @param rate            share of later events embedded, chosen by a hash of the request id (0..1)
 * @param maxPerSecond    global budget: at most this many embeddings per second across all accounts
 * @param accountSlots    counters per row of the count-min sketch that counts events per account (memory bound)
 * @param seed            seed of the sampling hash (the same seed samples the same requests on every node)
 */
public record SamplerConfig(int firstPerAccount, double rate, int maxPerSecond, int accountSlots, long seed) {

    /** First 16 events per account, then 2%, at most 50 embeddings per second, 65,536 account slots. */
    public static final SamplerConfig DEFAULTS = new SamplerConfig(16, 0.02, 50, 1 << 16, 0x5eed_d157_111L);

    public SamplerConfig {
        if (firstPerAccount < 0 || !(rate >= 0 && rate <= 1) || maxPerSecond < 0 || accountSlots < 16) {
            throw new IllegalArgumentException("invalid sampler config");
        }
    }
}
