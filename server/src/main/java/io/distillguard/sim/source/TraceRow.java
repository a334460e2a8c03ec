package io.distillguard.sim.source;

/**
 * One request of a production trace: its time from the first row (ms), its token counts, and a session key (requests
 * of one conversation share it where the trace shows that; 0 otherwise).
 */
public record TraceRow(long offsetMs, int inputTokens, int outputTokens, long session) {
}
