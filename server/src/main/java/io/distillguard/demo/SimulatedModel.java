package io.distillguard.demo;

import java.util.Objects;

/**
 * A model the simulator serves. Reasoning models also emit a {@code reasoning_content} trace in chat completions and
 * count it as reasoning tokens, like the reasoning models of real providers.
 *
 * @param id        the model id clients send
 * @param reasoning whether the model produces a reasoning trace
 */
public record SimulatedModel(String id, boolean reasoning) {

    public SimulatedModel {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("model id must not be blank");
        }
    }

    /** A plain (non-reasoning) model. */
    public static SimulatedModel chat(String id) {
        return new SimulatedModel(id, false);
    }

    /** A reasoning model. */
    public static SimulatedModel reasoner(String id) {
        return new SimulatedModel(id, true);
    }
}
