package io.distillguard.evidence;

import java.util.List;

/**
 * Validated settings of the distillation experiment.
 *
 * @param trainingSizes    numbers of (prompt, response) pairs each student is trained on
 * @param watermarkShares  shares of the training responses that carry the watermark (0 = control)
 * @param controlSeeds     students per size trained on unwatermarked data only (different seeds)
 * @param freshPrompts     held-out prompts the students answer for the detector
 * @param samplesPerPrompt sampled answers per fresh prompt
 * @param maxTokens        longest sampled answer
 * @param seed             master seed (data splits and sampling)
 */
public record ExperimentConfig(List<Integer> trainingSizes, List<Double> watermarkShares, int controlSeeds,
                               int freshPrompts, int samplesPerPrompt, int maxTokens, long seed) {

    public ExperimentConfig {
        trainingSizes = List.copyOf(trainingSizes);
        watermarkShares = List.copyOf(watermarkShares);
        if (trainingSizes.isEmpty() || trainingSizes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("training sizes must be positive: " + trainingSizes);
        }
        if (watermarkShares.stream().anyMatch(s -> s < 0 || s > 1)) {
            throw new IllegalArgumentException("watermark shares must be in [0, 1]: " + watermarkShares);
        }
        if (controlSeeds < 0 || freshPrompts < 1 || samplesPerPrompt < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("counts must be positive");
        }
    }

    /** The full run reported in the evidence report. */
    public static ExperimentConfig standard() {
        return new ExperimentConfig(List.of(1000, 2000, 4500), List.of(1.0, 0.5, 0.1), 5, 500, 4, 200, 20261123L);
    }
}
