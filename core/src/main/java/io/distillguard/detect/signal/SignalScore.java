package io.distillguard.detect.signal;

/**
 * One signal's reading for one entity: the measured value, what it is compared with, a score in [0,1] (0 = nothing
 * unusual, 1 = as strong as this signal gets) and a sentence an analyst can read.
 *
 * @param signal      signal name (e.g. "content")
 * @param value       the measured value
 * @param baseline    the value it is compared with (population, peers, own history or a fixed reference)
 * @param score       normalised score in [0,1]
 * @param explanation human-readable explanation of value vs baseline
 */
public record SignalScore(String signal, double value, double baseline, double score, String explanation) {
    public SignalScore {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0,1]: " + score + " for " + signal);
        }
    }

    /** A zero reading, e.g. when there is too little traffic to judge. */
    public static SignalScore none(String signal, String why) {
        return new SignalScore(signal, 0, 0, 0, why);
    }
}
