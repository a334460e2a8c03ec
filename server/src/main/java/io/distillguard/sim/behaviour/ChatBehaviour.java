package io.distillguard.sim.behaviour;

import io.distillguard.sim.source.PromptItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * People chatting (chat-app users, a reseller's end users): each account walks through a real multi-turn conversation,
 * sending the history so far with every turn (the recorded assistant replies stand in for the model's), then starts a
 * new random conversation after {@code max_turns} or at the conversation's end.
 */
public final class ChatBehaviour implements Behaviour {
    private final RequestShape shape;
    private final Map<Integer, int[]> position = new HashMap<>(); // account -> {conversation item, next turn}

    public ChatBehaviour(RequestShape shape) {
        this.shape = shape;
    }

    @Override
    public SimRequest next(Turn turn, SplittableRandom rnd) {
        int[] pos = position.get(turn.account());
        if (pos == null || pos[1] >= Math.min(shape.maxTurns(), turn.prompts().at(pos[0]).userTurns().size())) {
            pos = new int[] {rnd.nextInt(turn.prompts().size()), 0};
            position.put(turn.account(), pos);
        }
        PromptItem item = turn.prompts().at(pos[0]);
        JsonArray messages = new JsonArray();
        if (shape.system() != null) {
            messages.add(new JsonObject().put("role", "system").put("content", shape.system()));
        }
        for (int i = 0; i <= pos[1]; i++) {
            messages.add(new JsonObject().put("role", "user").put("content", item.userTurns().get(i)));
            if (i < pos[1] && i < item.replies().size() && !item.replies().get(i).isEmpty()) {
                messages.add(new JsonObject().put("role", "assistant").put("content", item.replies().get(i)));
            }
        }
        pos[1]++;
        int out = shape.outputTokens(turn);
        return new SimRequest("/chat/completions", shape.body(shape.modelAt(turn, rnd), out, messages), out);
    }
}
