package io.distillguard.event;

/** Where an event's token counts came from: the upstream's own usage report, or the gateway's tokenizer. */
public enum UsageSource {
    /** The upstream's {@code usage} object (exact). */
    UPSTREAM,
    /** Counted by the gateway's tokenizer because the upstream reported none. */
    TOKENIZER,
    /** No tokens were consumed (rejected before forwarding). */
    NONE
}
