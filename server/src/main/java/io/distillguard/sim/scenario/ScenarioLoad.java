package io.distillguard.sim.scenario;

/** The outcome of reading a scenario file: the scenario, or why it was refused (with file, line and column). */
public sealed interface ScenarioLoad {

    /** A valid scenario. */
    record Loaded(Scenario scenario) implements ScenarioLoad {
    }

    /** A refused file: {@code message} reads like {@code hydra.yaml:12:5: populations[2].accounts: ...}. */
    record Invalid(String message) implements ScenarioLoad {
    }

    /** The scenario, or an {@link IllegalArgumentException} with the message (for callers that cannot go on). */
    default Scenario orThrow() {
        return switch (this) {
            case Loaded l -> l.scenario();
            case Invalid i -> throw new IllegalArgumentException(i.message());
        };
    }
}
