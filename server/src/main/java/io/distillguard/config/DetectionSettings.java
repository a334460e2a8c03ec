package io.distillguard.config;

import java.util.List;
import java.util.Map;

/**
 * How the embedded detectors run.
 *
 * @param enabled           run the detection engine in the gateway's JVM (fed through a bounded queue)
 * @param alertLog          JSON-lines file alerts are appended to; null = {@code <dataDir>/alerts.jsonl}
 * @param benchmarkFiles    public benchmark files (MMLU CSV, GSM8K/generic JSONL) whose items prompts are matched
 *                          against; none by default (loading takes seconds per 10k items)
 * @param semanticReference JSONL file of benign prompts ({"prompt": ...} per line) the semantic signal compares
 *                          entities with; null disables the semantic signal
 * @param embeddings        compute sampled prompt embeddings in the metering worker (needed by the semantic signal)
 * @param linking           link accounts into entities (off: every account is its own entity; baselines only)
 * @param signals           names of the signals that score entities; empty = every built-in signal
 * @param weights           per-signal weight overrides (signal name -> weight in [0,1]); empty = default weights
 * @param mode              EMBEDDED: decisions come from the detectors in this JVM only; DISTRIBUTED: the gateway also
 *                          reads the Flink job's decisions topic into its decision cache (see docs/scale-out.md)
 * @param distributed       the Kafka cluster and topics of the distributed mode
 */
public record DetectionSettings(Boolean enabled, String alertLog, List<String> benchmarkFiles,
        String semanticReference, Boolean embeddings, Boolean linking, List<String> signals,
        Map<String, Double> weights, Mode mode, DistributedDetection distributed) {

    /** Where detection decisions come from. */
    public enum Mode { EMBEDDED, DISTRIBUTED }

    public DetectionSettings {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        benchmarkFiles = benchmarkFiles == null ? List.of() : List.copyOf(benchmarkFiles);
        embeddings = embeddings == null ? Boolean.FALSE : embeddings;
        linking = linking == null ? Boolean.TRUE : linking;
        signals = signals == null ? List.of() : List.copyOf(signals);
        weights = weights == null ? Map.of() : Map.copyOf(weights);
        weights.forEach((name, w) -> {
            if (w == null || w < 0 || w > 1) {
                throw new IllegalArgumentException("detection.weights." + name + " must be in [0,1]: " + w);
            }
        });
        mode = mode == null ? Mode.EMBEDDED : mode;
        distributed = distributed == null ? DistributedDetection.defaults() : distributed;
    }

    public static DetectionSettings defaults() {
        return new DetectionSettings(null, null, null, null, null, null, null, null, null, null);
    }

    public DetectionSettings withEnabled(boolean on) {
        return new DetectionSettings(on, alertLog, benchmarkFiles, semanticReference, embeddings, linking, signals,
                weights, mode, distributed);
    }

    /** A copy that scores with only {@code names} (empty = all), {@code overrides} as weights, linking on or off. */
    public DetectionSettings withSignals(boolean link, List<String> names, Map<String, Double> overrides) {
        return new DetectionSettings(enabled, alertLog, benchmarkFiles, semanticReference, embeddings, link, names,
                overrides, mode, distributed);
    }

    /** A copy in distributed mode reading {@code d}'s decisions topic. */
    public DetectionSettings withDistributed(DistributedDetection d) {
        return new DetectionSettings(enabled, alertLog, benchmarkFiles, semanticReference, embeddings, linking, signals,
                weights, Mode.DISTRIBUTED, d);
    }
}
