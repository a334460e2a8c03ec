package io.distillguard.feature;

/**
 * One item of a benchmark file as indexed: where it came from and the text a prompt would contain.
 *
 * @param source   file name
 * @param item     1-based row or line in the file
 * @param question the question alone
 * @param full     question together with its answer options (equal to {@code question} when there are none)
 */
public record BenchmarkItem(String source, int item, String question, String full) {
}
