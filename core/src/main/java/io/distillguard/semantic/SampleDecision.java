package io.distillguard.semantic;

/** Whether an event gets embedded, and why. */
public enum SampleDecision {
    /** Embed: among the first events of its account. */
    EMBED_FIRST,
    /** Embed: picked by the sampling rate. */
    EMBED_SAMPLED,
    /** Skip: not picked by the sampling rate. */
    SKIP_NOT_SAMPLED,
    /** Skip: would have been embedded, but this second's global budget is spent. */
    SKIP_OVER_BUDGET;

    public boolean embed() {
        return this == EMBED_FIRST || this == EMBED_SAMPLED;
    }
}
