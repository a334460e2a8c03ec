package io.distillguard.demo;

import com.dynatrace.hash4j.hashing.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The simulated model itself, without HTTP: turns a {@link GenerationRequest} into choices (text, tokens, finish
 * reason, logprobs, reasoning) and says how long a real model would take. The HTTP simulator and the evaluation
 * harness (which runs on a virtual clock and calls {@link #timing} instead of waiting) share it. Deterministic per
 * (seed, prompt, choice index). Heavy resources (tokenizer, WordNet) load on first use or in {@link #warmUp()}.
 * Thread-safe.
 */
public final class CompletionEngine {

    /** The answer of fixed-response mode. */
    public static final String FIXED_TEXT = "This is a fixed response from the DistillGuard model simulator.";

    private final SimulatorConfig config;
    private final Resources resources;

    /** The loaded tokenizer and WordNet, shared by engines made with {@link #withConfig}. */
    private static final class Resources {
        private volatile TokenCounter tokens;
        private volatile TextGenerator generator;
    }

    /** How long a real model would take for one answer. */
    public record Timing(long ttftMs, long totalMs) {
    }

    public CompletionEngine(SimulatorConfig config) {
        this(config, new Resources());
    }

    private CompletionEngine(SimulatorConfig config, Resources resources) {
        this.config = Objects.requireNonNull(config, "config");
        this.resources = resources;
    }

    /** An engine with other settings that shares this one's loaded tokenizer and WordNet (nothing to load again). */
    public CompletionEngine withConfig(SimulatorConfig other) {
        return new CompletionEngine(other, resources);
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Loads the tokenizer and (unless in fixed-response mode) WordNet; blocking, call it off the event loop. */
    public void warmUp() {
        tokens();
        if (!config.fixedResponse()) {
            generator();
        }
    }

    /** The o200k_base token counter (loaded on first use). */
    public TokenCounter tokens() {
        TokenCounter t = resources.tokens;
        if (t == null) {
            synchronized (resources) {
                if (resources.tokens == null) {
                    resources.tokens = new TokenCounter();
                }
                t = resources.tokens;
            }
        }
        return t;
    }

    private TextGenerator generator() {
        TextGenerator g = resources.generator;
        if (g == null) {
            synchronized (resources) {
                if (resources.generator == null) {
                    resources.generator = new TextGenerator(new Lexicon());
                }
                g = resources.generator;
            }
        }
        return g;
    }

    /** Time to first token and to the last token for an answer of {@code outputTokens} after {@code promptTokens}. */
    public Timing timing(int promptTokens, int outputTokens) {
        long ttft = Math.round(config.ttftBaseMs() + config.prefillMsPerInputToken() * promptTokens);
        return new Timing(ttft, ttft + Math.round(config.interTokenMs() * Math.max(0, outputTokens - 1)));
    }

    /** The request's {@code n} choices. */
    public List<GeneratedChoice> generate(GenerationRequest request) {
        List<GeneratedChoice> choices = new ArrayList<>(request.n());
        List<String> boosted = boostedTokens(request.logitBias());
        for (int i = 0; i < request.n(); i++) {
            choices.add(choice(request, i, boosted));
        }
        return choices;
    }

    private GeneratedChoice choice(GenerationRequest request, int index, List<String> boosted) {
        SplittableRandom random = random(request.promptText(), index);
        int target = (int) Math.round(config.outputMedianTokens() * Math.exp(config.outputSigma() * random.nextGaussian()));
        target = Math.clamp(target, 1, config.maxOutputTokens());
        if (config.fillerText() && !config.fixedResponse()) {
            return fillerChoice(request, index, target, boosted, random);
        }
        String text = config.fixedResponse() ? FIXED_TEXT : generator().generate(random, request.promptText(), target);
        int cap = Math.min(config.maxOutputTokens(), request.maxTokens() == null ? Integer.MAX_VALUE : request.maxTokens());
        List<String> pieces = tokens().pieces(text);
        String finish = "stop";
        while (pieces.size() > cap) {
            text = String.join("", pieces.subList(0, cap));
            pieces = tokens().pieces(text);
            finish = "length";
        }
        String reasoning = null;
        List<String> reasoningPieces = List.of();
        int reasoningTarget = request.reasoning() && !config.fixedResponse()
                ? (int) Math.round(target * effortFactor(request.reasoningEffort())) : 0;
        if (reasoningTarget > 0) {
            reasoning = generator().generate(random(request.promptText(), -1 - index), request.promptText(),
                    reasoningTarget);
            reasoningPieces = tokens().pieces(reasoning);
        }
        List<TokenLogprob> logprobs = request.logprobs()
                ? LogprobModel.forTokens(random, pieces, request.topLogprobs(), boosted)
                : List.of();
        return new GeneratedChoice(index, text, pieces, finish, reasoning, reasoningPieces, logprobs);
    }

    /** {@link SimulatorConfig#fillerText}: the answer is {@code min(target, max_tokens)} one-token words. */
    private GeneratedChoice fillerChoice(GenerationRequest request, int index, int target, List<String> boosted,
            SplittableRandom random) {
        int cap = Math.min(config.maxOutputTokens(), request.maxTokens() == null ? Integer.MAX_VALUE : request.maxTokens());
        int n = Math.min(target, cap);
        List<String> pieces = filler(n);
        int reasoningTarget = request.reasoning() ? (int) Math.round(target * effortFactor(request.reasoningEffort())) : 0;
        List<String> reasoningPieces = reasoningTarget > 0 ? filler(reasoningTarget) : List.of();
        List<TokenLogprob> logprobs = request.logprobs()
                ? LogprobModel.forTokens(random, pieces, request.topLogprobs(), boosted)
                : List.of();
        return new GeneratedChoice(index, String.join("", pieces), pieces, n < target ? "length" : "stop",
                reasoningPieces.isEmpty() ? null : String.join("", reasoningPieces), reasoningPieces, logprobs);
    }

    /** {@code n} tokens of filler: "the", then " the" repeated (each one o200k token). */
    private static List<String> filler(int n) {
        List<String> pieces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pieces.add(i == 0 ? "the" : " the");
        }
        return pieces;
    }

    private SplittableRandom random(String prompt, int index) {
        long seed = Hashing.xxh3_64().hashStream().putLong(config.seed()).putString(prompt).putInt(index).getAsLong();
        return new SplittableRandom(seed);
    }

    private static double effortFactor(String effort) {
        return switch (effort == null ? "medium" : effort) {
            case "none", "minimal" -> 0.0;
            case "low" -> 0.4;
            case "high" -> 2.0;
            default -> 1.0;
        };
    }

    private List<String> boostedTokens(Map<Integer, Integer> logitBias) {
        return logitBias.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed())
                .map(e -> tokens().decode(e.getKey()))
                .filter(t -> t != null && !t.isEmpty())
                .toList();
    }
}
