package io.distillguard.sim.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Ground truth of a population: what the harness knows and the gateway must find out. */
public enum Label {
    BENIGN, ATTACK;

    @JsonCreator
    public static Label parse(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }

    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
