package io.distillguard.sim.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether something (the organisation, the true controlling entity) is one per account or one for the whole
 * population: a company's employees share an organisation but are separate people; a hydra's accounts share one
 * controller.
 */
public enum Grouping {
    ACCOUNT, POPULATION;

    @JsonCreator
    public static Grouping parse(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }

    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
