package io.distillguard.demo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable, validated settings of the {@link ModelSimulator}: which models it serves, how long it "thinks" and how
 * much it writes. Output length is lognormal (median, sigma) capped by {@code maxOutputTokens} and by the request's
 * max_tokens; time to first token is {@code ttftBaseMs + prefillMsPerInputToken * inputTokens}, then one token every
 * {@code interTokenMs}.
 *
 * @param seed                   seed of every random choice: same seed and prompt give the same text
 * @param models                 models served, in the order GET /v1/models lists them
 * @param ttftBaseMs             fixed part of the time to first token
 * @param prefillMsPerInputToken extra time to first token per prompt token
 * @param interTokenMs           time between two output tokens
 * @param outputMedianTokens     median of the output length distribution
 * @param outputSigma            sigma of the lognormal output length (0 = always the median)
 * @param maxOutputTokens        hard cap of one output whatever the request asks
 * @param pacing                 false answers instantly (simulations, tests); true waits as the timings say
 * @param fixedResponse          true answers every request with one small constant completion (throughput benches)
 * @param fillerText             true writes each answer (and reasoning) as a filler of exactly its length in tokens,
 *                               without the lexicon or re-tokenising: the evaluation harness, which only counts tokens
 */
public record SimulatorConfig(
        long seed,
        List<SimulatedModel> models,
        double ttftBaseMs,
        double prefillMsPerInputToken,
        double interTokenMs,
        int outputMedianTokens,
        double outputSigma,
        int maxOutputTokens,
        boolean pacing,
        boolean fixedResponse,
        boolean fillerText) {

    /** The models a default simulator serves. */
    public static final List<SimulatedModel> DEFAULT_MODELS = List.of(
            SimulatedModel.chat("sim-large"),
            SimulatedModel.chat("sim-small"),
            SimulatedModel.reasoner("sim-reasoner"),
            SimulatedModel.chat("sim-embedding"));

    public SimulatorConfig {
        models = List.copyOf(Objects.requireNonNull(models, "models"));
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is required");
        }
        if (models.stream().map(SimulatedModel::id).distinct().count() != models.size()) {
            throw new IllegalArgumentException("model ids must be unique: " + models);
        }
        requireNonNegative("ttftBaseMs", ttftBaseMs);
        requireNonNegative("prefillMsPerInputToken", prefillMsPerInputToken);
        requireNonNegative("interTokenMs", interTokenMs);
        requireNonNegative("outputSigma", outputSigma);
        if (outputMedianTokens < 1 || maxOutputTokens < 1) {
            throw new IllegalArgumentException("outputMedianTokens and maxOutputTokens must be >= 1");
        }
    }

    public SimulatorConfig(long seed, List<SimulatedModel> models, double ttftBaseMs, double prefillMsPerInputToken,
            double interTokenMs, int outputMedianTokens, double outputSigma, int maxOutputTokens, boolean pacing,
            boolean fixedResponse) {
        this(seed, models, ttftBaseMs, prefillMsPerInputToken, interTokenMs, outputMedianTokens, outputSigma,
                maxOutputTokens, pacing, fixedResponse, false);
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }

    /** Realistic timings of a mid-sized hosted model, pacing on. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(42L, DEFAULT_MODELS, 250, 0.15, 20, 160, 0.7, 4096, true, false);
    }

    /** Defaults without pacing: every answer is immediate (tests, simulations on a virtual clock). */
    public static SimulatorConfig instant() {
        return defaults().withPacing(false);
    }

    public SimulatorConfig withPacing(boolean on) {
        return new SimulatorConfig(seed, models, ttftBaseMs, prefillMsPerInputToken, interTokenMs, outputMedianTokens,
                outputSigma, maxOutputTokens, on, fixedResponse, fillerText);
    }

    public SimulatorConfig withFixedResponse(boolean on) {
        return new SimulatorConfig(seed, models, ttftBaseMs, prefillMsPerInputToken, interTokenMs, outputMedianTokens,
                outputSigma, maxOutputTokens, pacing, on, fillerText);
    }

    public SimulatorConfig withFillerText(boolean on) {
        return new SimulatorConfig(seed, models, ttftBaseMs, prefillMsPerInputToken, interTokenMs, outputMedianTokens,
                outputSigma, maxOutputTokens, pacing, fixedResponse, on);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(newSeed, models, ttftBaseMs, prefillMsPerInputToken, interTokenMs,
                outputMedianTokens, outputSigma, maxOutputTokens, pacing, fixedResponse, fillerText);
    }

    public SimulatorConfig withTimings(double ttftBase, double prefillPerToken, double interToken) {
        return new SimulatorConfig(seed, models, ttftBase, prefillPerToken, interToken, outputMedianTokens,
                outputSigma, maxOutputTokens, pacing, fixedResponse, fillerText);
    }

    public SimulatorConfig withOutputLength(int medianTokens, double sigma) {
        return new SimulatorConfig(seed, models, ttftBaseMs, prefillMsPerInputToken, interTokenMs, medianTokens,
                sigma, maxOutputTokens, pacing, fixedResponse, fillerText);
    }

    /** The served model with this id. */
    public Optional<SimulatedModel> model(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }
}
