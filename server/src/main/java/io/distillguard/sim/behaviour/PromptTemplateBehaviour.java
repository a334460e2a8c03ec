package io.distillguard.sim.behaviour;

import io.distillguard.sim.source.PromptItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.SplittableRandom;

/**
 * Single-turn requests: a prompt from the source (in order for a campaign walking a dataset, else at random) wrapped in
 * one of the behaviour's templates, or, for a {@code benign_mix} share, a plain prompt from the mix source. Covers the
 * coding assistant, batch jobs, benchmark labs, synthetic-data customers and most extraction campaigns, which differ in
 * their templates, sizes, models and timing rather than in mechanics.
 */
public final class PromptTemplateBehaviour implements Behaviour {
    private final RequestShape shape;

    public PromptTemplateBehaviour(RequestShape shape) {
        this.shape = shape;
    }

    @Override
    public SimRequest next(Turn turn, SplittableRandom rnd) {
        String content;
        if (turn.mix() != null && shape.benignMix() > 0 && rnd.nextDouble() < shape.benignMix()) {
            content = turn.mix().random(rnd).first();
        } else {
            PromptItem item = shape.inOrder() ? turn.prompts().at(turn.seq()) : turn.prompts().random(rnd);
            content = shape.wrap(item.first(), rnd);
        }
        JsonArray messages = new JsonArray();
        if (shape.system() != null) {
            messages.add(new JsonObject().put("role", "system").put("content", shape.system()));
        }
        messages.add(new JsonObject().put("role", "user").put("content", content));
        int out = shape.outputTokens(turn);
        return new SimRequest("/chat/completions", shape.body(shape.modelAt(turn, rnd), out, messages), out);
    }
}
