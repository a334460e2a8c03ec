package io.distillguard.sim.behaviour;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.SplittableRandom;

/**
 * A logprob harvester: short completions with {@code logprobs}/{@code top_logprobs} on every request and a
 * {@code logit_bias} that sweeps the vocabulary, {@code logit_bias_sweep} token ids at a time (+100 each), the
 * pattern of recovering the output projection from biased top-k logprobs (Carlini et al. 2024).
 */
public final class LogprobSweepBehaviour implements Behaviour {
    static final int VOCABULARY = 100_000;
    private final RequestShape shape;

    public LogprobSweepBehaviour(RequestShape shape) {
        this.shape = shape;
    }

    @Override
    public SimRequest next(Turn turn, SplittableRandom rnd) {
        String content = shape.wrap(turn.prompts().at(turn.seq()).first(), rnd);
        JsonArray messages = new JsonArray().add(new JsonObject().put("role", "user").put("content", content));
        int out = shape.outputTokens(turn);
        JsonObject body = shape.body(shape.modelAt(turn, rnd), out, messages);
        if (shape.logitBiasSweep() > 0) {
            JsonObject bias = new JsonObject();
            long first = turn.seq() * shape.logitBiasSweep();
            for (int i = 0; i < shape.logitBiasSweep(); i++) {
                bias.put(Long.toString(Math.floorMod(first + i, (long) VOCABULARY)), 100);
            }
            body.put("logit_bias", bias);
        }
        return new SimRequest("/chat/completions", body, out);
    }
}
