package io.distillguard.policy.input;

import java.util.List;
import java.util.Map;

/**
 * The open alert on the entity, if any. Seen by policies as {@code alert}.
 *
 * @param present    whether an alert is open
 * @param score      the alert's score in [0, 1] (0 when none)
 * @param topSignals names of the signals that contributed most, strongest first
 */
public record AlertContext(boolean present, double score, List<String> topSignals) {

    public static final AlertContext NONE = new AlertContext(false, 0.0, List.of());

    public AlertContext {
        topSignals = List.copyOf(topSignals == null ? List.of() : topSignals);
    }

    public Map<String, Object> toCel() {
        return Map.of("present", present, "score", score, "top_signals", topSignals);
    }
}
