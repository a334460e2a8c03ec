package io.distillguard.sim.behaviour;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The resolved parameters of a behaviour (its kind's preset overridden by the scenario): model, sizes, wrapping
 * templates, benign mixing, logprob options, and a model pivot.
 *
 * @param inOrder     walk the prompt source in order (a campaign harvesting a dataset) rather than at random
 * @param pivotAtMs   offset from the scenario start after which {@code pivotShare} of requests use {@code pivotModel}
 */
public record RequestShape(String model, int maxTokens, double temperature, String system, List<String> templates,
        double benignMix, boolean inOrder, boolean logprobs, int topLogprobs, int logitBiasSweep, int n,
        long pivotAtMs, String pivotModel, double pivotShare, int maxTurns) {

    public RequestShape {
        templates = templates.isEmpty() ? List.of("{prompt}") : List.copyOf(templates);
    }

    /** A chat-completions body with the common fields. */
    JsonObject body(String modelName, int outputTokens, io.vertx.core.json.JsonArray messages) {
        JsonObject b = new JsonObject().put("model", modelName).put("max_tokens", outputTokens)
                .put("temperature", temperature).put("messages", messages);
        if (n > 1) {
            b.put("n", n);
        }
        if (logprobs) {
            b.put("logprobs", true);
            if (topLogprobs > 0) {
                b.put("top_logprobs", topLogprobs);
            }
        }
        return b;
    }

    String wrap(String prompt, SplittableRandom rnd) {
        String t = templates.size() == 1 ? templates.getFirst() : templates.get(rnd.nextInt(templates.size()));
        return t.replace("{prompt}", prompt);
    }

    String modelAt(Turn turn, SplittableRandom rnd) {
        boolean pivoted = pivotModel != null && turn.atMs() - turn.scenarioStartMs() >= pivotAtMs
                && rnd.nextDouble() < pivotShare;
        return pivoted ? pivotModel : model;
    }

    int outputTokens(Turn turn) {
        return turn.traceOutputTokens() > 0 ? Math.min(turn.traceOutputTokens(), maxTokens) : maxTokens;
    }
}
