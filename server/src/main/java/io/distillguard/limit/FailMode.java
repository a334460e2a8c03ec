package io.distillguard.limit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a scope's limits do while the shared limit store (Redis) cannot be reached: keep admitting against limits kept
 * in this process alone, or refuse with a 429 so that no budget can be overspent across replicas.
 */
public enum FailMode {
    /** Admit against local in-memory buckets (each replica then grants the full budget on its own). */
    FAIL_OPEN,
    /** Refuse with a 429 that says the limits cannot be checked right now. */
    FAIL_CLOSED;

    /** Accepts {@code fail-open}, {@code FAIL_OPEN}, {@code open} and the like. */
    @JsonCreator
    public static FailMode parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "FAIL_OPEN", "OPEN" -> FAIL_OPEN;
            case "FAIL_CLOSED", "CLOSED" -> FAIL_CLOSED;
            default -> throw new IllegalArgumentException("fail mode must be fail-open or fail-closed, got " + text);
        };
    }

    /** The YAML form: {@code fail-open} or {@code fail-closed}. */
    @JsonValue
    public String yaml() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
