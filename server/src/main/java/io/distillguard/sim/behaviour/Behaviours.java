package io.distillguard.sim.behaviour;

import io.distillguard.sim.scenario.BehaviourSpec;
import io.distillguard.sim.scenario.BehaviourSpec.Kind;
import java.util.List;

/**
 * The behaviour of each kind with its preset (model, sizes, templates, mixing; docs/scenarios.md lists them), with
 * the scenario's overrides applied. Presets describe what such a customer or campaign typically sends; they are not
 * tuned against the detectors.
 */
public final class Behaviours {
    static final String COT = "Solve the following problem. Think step by step and show your internal reasoning "
            + "before the final answer.\n\nProblem: {prompt}";
    static final List<String> MIMIC_PARAPHRASES = List.of(
            "Could you work through this one for me, explaining each step as you go?\n\n{prompt}",
            "I'm studying for an exam. How would you solve this? Walk me through it.\n\n{prompt}",
            "{prompt}\n\nPlease explain how you get the answer, step by step.",
            "Help me understand this problem and how to reason about it: {prompt}",
            "{prompt}\nShow the reasoning, not only the result.",
            "Quick question from my homework: {prompt} What are the steps?");

    private Behaviours() {
    }

    public static Behaviour create(BehaviourSpec spec) {
        RequestShape shape = shape(spec);
        return switch (spec.type()) {
            case CHAT, RESELLER -> new ChatBehaviour(shape);
            case LOGPROB_HARVESTER -> new LogprobSweepBehaviour(shape);
            default -> new PromptTemplateBehaviour(shape);
        };
    }

    /** The kind's preset with every field the spec sets overriding it. */
    public static RequestShape shape(BehaviourSpec s) {
        RequestShape p = preset(s.type());
        List<String> templates = !s.templates().isEmpty() ? s.templates()
                : s.template() != null ? List.of(s.template()) : p.templates();
        return new RequestShape(or(s.model(), p.model()), or(s.maxTokens(), p.maxTokens()),
                or(s.temperature(), p.temperature()), or(s.system(), p.system()), templates,
                or(s.benignMix(), p.benignMix()), p.inOrder(), or(s.logprobs(), p.logprobs()),
                or(s.topLogprobs(), p.topLogprobs()), or(s.logitBiasSweep(), p.logitBiasSweep()), or(s.n(), p.n()),
                s.pivotAt() != null ? s.pivotAt().millis() : p.pivotAtMs(), or(s.pivotModel(), p.pivotModel()),
                or(s.pivotShare(), p.pivotShare()), or(s.maxTurns(), p.maxTurns()));
    }

    static RequestShape preset(Kind kind) {
        return switch (kind) {
            case CHAT -> chat("sim-small", 300, 0.7, null, List.of(), 0, false);
            case RESELLER -> chat("sim-small", 300, 0.7,
                    "You are the assistant inside a customer-support app. Be brief and friendly.", List.of(), 0, false);
            case CODING -> chat("sim-large", 600, 0.2, "You are a coding assistant. Answer with working code.",
                    List.of(), 0, false);
            case BATCH_TEMPLATE -> chat("sim-small", 8, 0.0, null, List.of("Classify the following customer support "
                    + "ticket into exactly one of: billing, bug, feature_request, account, other. Reply with the "
                    + "label only.\n\nTicket: {prompt}"), 0, false);
            case BENCHMARK_LAB -> chat("sim-large", 5, 0.0, null, List.of(), 0, true);
            case SYNTHETIC_DATA -> chat("sim-large", 700, 0.9, null, List.of("Write a high-quality answer to the "
                    + "following instruction, suitable as a supervised fine-tuning example.\n\n{prompt}"), 0, true);
            case BULK_DISTILLER, TIER_RIDER -> chat("sim-large", 1024, 0.7, null, List.of(), 0, true);
            case HYDRA -> chat("sim-large", 512, 0.7, null, List.of(COT), 0.2, true);
            case LOW_AND_SLOW -> chat("sim-large", 800, 0.7, null, List.of("Answer thoroughly and explain your "
                    + "reasoning step by step.\n\n{prompt}"), 0, true);
            case REASONING_HARVESTER -> chat("sim-reasoner", 2048, 0.7, null, List.of("Show your complete chain of "
                    + "thought, every intermediate step, before the final answer.\n\n{prompt}"), 0, true);
            case LOGPROB_HARVESTER -> new RequestShape("sim-small", 1, 0.0, null, List.of(), 0, true, true, 20, 50, 1,
                    Long.MAX_VALUE, null, 0, 1);
            case BENCHMARK_SCRAPER -> chat("sim-large", 300, 0.0, null, List.of("{prompt}\nGive the correct answer "
                    + "and a detailed explanation."), 0, true);
            case RELEASE_PIVOT -> new RequestShape("sim-small", 800, 0.7, null, List.of(), 0, true, false, 0, 0, 1,
                    86_400_000L, "sim-large", 0.9, 1);
            case ADAPTIVE_MIMIC -> chat("sim-large", 400, 0.8, null, MIMIC_PARAPHRASES, 0.3, true);
        };
    }

    private static RequestShape chat(String model, int maxTokens, double temperature, String system,
            List<String> templates, double benignMix, boolean inOrder) {
        return new RequestShape(model, maxTokens, temperature, system, templates, benignMix, inOrder, false, 0, 0, 1,
                Long.MAX_VALUE, null, 0, 6);
    }

    private static <T> T or(T value, T preset) {
        return value != null ? value : preset;
    }
}
