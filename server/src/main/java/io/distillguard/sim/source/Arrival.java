package io.distillguard.sim.source;

/**
 * One planned request of a population: when (epoch ms, virtual), which of its accounts sends it, and the output
 * tokens the trace says it produced ({@code -1} when the source has no sizes: the behaviour decides).
 */
public record Arrival(long atMs, int account, int outputTokens) {
}
