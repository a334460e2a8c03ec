package io.distillguard.feature;

/**
 * A prompt recognised as a benchmark item.
 *
 * @param source     file name of the benchmark file the item came from (e.g. {@code abstract_algebra_test.csv})
 * @param item       1-based row (CSV) or line (JSONL) of the item in that file
 * @param similarity estimated Jaccard similarity between the item and the best-matching span of the prompt, 0..1
 */
public record BenchmarkMatch(String source, int item, double similarity) {
}
