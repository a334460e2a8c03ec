package io.distillguard.console;

import java.util.Locale;
import java.util.Optional;

/** Where an analyst has put an alert: new until someone acknowledges, escalates or dismisses it as a false positive. */
public enum TriageState {
    NEW, ACKNOWLEDGED, ESCALATED, DISMISSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state an analyst may set (not {@code new}), from its wire name. */
    public static Optional<TriageState> settable(String wire) {
        for (TriageState s : values()) {
            if (s != NEW && s.wire().equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
