package io.distillguard.detect.signal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One signal's reading for one entity: the measured value, what it is compared with, a score in [0,1] (0 = nothing
 * unusual, 1 = as strong as this signal gets) and a sentence an analyst can read.
 *
 * <p>Entities are scored far more often than a reading is read by a person, so the sentence can be deferred: a
 * reading made with {@link #deferred} keeps its format and the argument values (taken when the reading is made) and
 * formats them on the first call of {@link #explanation()}. Equality, {@code toString} and JSON are those of a
 * record with the five components.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"signal", "value", "baseline", "score", "explanation"})
public final class SignalScore {
    private final String signal;
    private final double value;
    private final double baseline;
    private final double score;
    private String explanation;
    private String format;
    private Object[] args;

    /**
     * @param signal      signal name (e.g. "content")
     * @param value       the measured value
     * @param baseline    the value it is compared with (population, peers, own history or a fixed reference)
     * @param score       normalised score in [0,1]
     * @param explanation human-readable explanation of value vs baseline
     */
    public SignalScore(String signal, double value, double baseline, double score, String explanation) {
        this(signal, value, baseline, score);
        this.explanation = explanation;
    }

    private SignalScore(String signal, double value, double baseline, double score) {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0,1]: " + score + " for " + signal);
        }
        this.signal = signal;
        this.value = value;
        this.baseline = baseline;
        this.score = score;
    }

    /** A reading whose explanation is {@code format.formatted(args)}, formatted when first read. */
    public static SignalScore deferred(String signal, double value, double baseline, double score, String format,
                                       Object... args) {
        SignalScore reading = new SignalScore(signal, value, baseline, score);
        reading.format = format;
        reading.args = args;
        return reading;
    }

    /** A zero reading, e.g. when there is too little traffic to judge. */
    public static SignalScore none(String signal, String why) {
        return new SignalScore(signal, 0, 0, 0, why);
    }

    @JsonProperty("signal")
    public String signal() {
        return signal;
    }

    @JsonProperty("value")
    public double value() {
        return value;
    }

    @JsonProperty("baseline")
    public double baseline() {
        return baseline;
    }

    @JsonProperty("score")
    public double score() {
        return score;
    }

    @JsonProperty("explanation")
    public String explanation() {
        if (explanation == null && format != null) {
            explanation = format.formatted(args);
            format = null;
            args = null;
        }
        return explanation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignalScore s && Objects.equals(signal, s.signal)
                && Double.compare(value, s.value) == 0 && Double.compare(baseline, s.baseline) == 0
                && Double.compare(score, s.score) == 0 && Objects.equals(explanation(), s.explanation());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {signal, value, baseline, score, explanation()});
    }

    @Override
    public String toString() {
        return "SignalScore[signal=" + signal + ", value=" + value + ", baseline=" + baseline + ", score=" + score
                + ", explanation=" + explanation() + "]";
    }
}
