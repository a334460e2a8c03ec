package io.distillguard.sim.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a population's requests look like. {@code type} picks the behaviour and its defaults (docs/scenarios.md);
 * every other field overrides a default. {@code template} wraps each prompt ({@code {prompt}} marks where it goes);
 * {@code templates} are paraphrases picked at random per request; {@code benign_mix} is the share of requests that
 * send a prompt from {@code mix_prompts} of the population instead, unwrapped.
 */
public record BehaviourSpec(Kind type, String model, Integer maxTokens, Double temperature, String system,
        String template, List<String> templates, Double benignMix, Boolean logprobs, Integer topLogprobs,
        Integer logitBiasSweep, Integer n, SimDuration pivotAt, String pivotModel, Double pivotShare,
        Integer maxTurns) {

    /** The behaviours the suite knows. */
    public enum Kind {
        CHAT, CODING, BATCH_TEMPLATE, BENCHMARK_LAB, RESELLER, SYNTHETIC_DATA,
        BULK_DISTILLER, TIER_RIDER, HYDRA, LOW_AND_SLOW, REASONING_HARVESTER, LOGPROB_HARVESTER, BENCHMARK_SCRAPER,
        RELEASE_PIVOT, ADAPTIVE_MIMIC;

        @JsonCreator
        public static Kind parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public BehaviourSpec {
        Objects.requireNonNull(type, "behaviour.type is required");
        templates = templates == null ? List.of() : List.copyOf(templates);
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("behaviour.max_tokens must be >= 1");
        }
        if (benignMix != null && (benignMix < 0 || benignMix > 1)) {
            throw new IllegalArgumentException("behaviour.benign_mix must be in [0,1]");
        }
        if (pivotShare != null && (pivotShare < 0 || pivotShare > 1)) {
            throw new IllegalArgumentException("behaviour.pivot_share must be in [0,1]");
        }
        if (template != null && !template.contains("{prompt}")) {
            throw new IllegalArgumentException("behaviour.template must contain {prompt}");
        }
        for (String t : templates) {
            if (!t.contains("{prompt}")) {
                throw new IllegalArgumentException("every behaviour.templates entry must contain {prompt}: " + t);
            }
        }
    }
}
