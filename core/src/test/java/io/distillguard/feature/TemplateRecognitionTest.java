package io.distillguard.feature;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.PromptFeatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** templateHash on real distillation-style templates (GSM8K items inline) and on real human prompts. */
class TemplateRecognitionTest {

    private static final int PER_TEMPLATE = 400;
    private static final int WARM_UP = FeatureConfig.DEFAULTS.templateMinCount() - 1;

    /** Inline templates: item after a prefix, before a suffix, between both, under a paragraph, in five languages. */
    private static final Map<String, String> TEMPLATES = new LinkedHashMap<>();

    static {
        TEMPLATES.put("prefix", "Problem: %s");
        TEMPLATES.put("suffix", "%s Let's think step by step.");
        TEMPLATES.put("both", "Translate to French: %s Reply with the translation only.");
        TEMPLATES.put("multi-line", "Solve the following problem. Think step by step and show your internal reasoning"
                + " before the final answer.\n\nProblem: %s");
        TEMPLATES.put("sentence prefix", "Resuelve el siguiente problema de matemáticas paso a paso. %s");
        TEMPLATES.put("zh prefix", "请解答下面的数学题，并给出详细的解题步骤：%s");
        TEMPLATES.put("de both", "Löse die folgende Aufgabe: %s Denke Schritt für Schritt nach.");
        TEMPLATES.put("ja suffix", "%s\nステップごとに考えて、最後に答えだけを書いてください。");
    }

    private static PromptFeatures one(PromptFeatureExtractor extractor, String text) {
        return extractor.extract(List.of(PromptMessage.user(text)));
    }

    @Test
    void inlineTemplatesShareOneHashAfterWarmUpAmidHumanTraffic() {
        PromptFeatureExtractor extractor = new PromptFeatureExtractor(FeatureConfig.DEFAULTS, Optional.empty());
        List<String> questions = SharedPrompts.gsm8kQuestions(PER_TEMPLATE * TEMPLATES.size());
        List<String> human = SharedPrompts.shareGptHumanTurns(1_500);
        List<String> names = List.copyOf(TEMPLATES.keySet());
        Map<String, Map<Long, Integer>> counts = new HashMap<>();
        Set<Long> humanHashes = new HashSet<>();
        int h = 0;
        for (int i = 0; i < PER_TEMPLATE; i++) {
            for (int t = 0; t < names.size(); t++) {
                String prompt = TEMPLATES.get(names.get(t)).formatted(questions.get(t * PER_TEMPLATE + i));
                long hash = one(extractor, prompt).templateHash();
                if (i >= WARM_UP) {
                    counts.computeIfAbsent(names.get(t), k -> new HashMap<>()).merge(hash, 1, Integer::sum);
                }
            }
            for (int k = 0; k < 3 && h < human.size(); k++) {
                humanHashes.add(one(extractor, human.get(h++)).templateHash());
            }
        }
        Set<Long> templateHashes = new HashSet<>();
        for (String name : names) {
            Map<Long, Integer> byHash = counts.get(name);
            Map.Entry<Long, Integer> top = byHash.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            double share = top.getValue() / (double) (PER_TEMPLATE - WARM_UP);
            System.out.printf("templateHash: template '%s': %d/%d prompts after warm-up share one hash (%.3f)%n",
                    name, top.getValue(), PER_TEMPLATE - WARM_UP, share);
            assertThat(share).as(name).isGreaterThanOrEqualTo(0.95);
            assertThat(templateHashes.add(top.getKey())).as("%s has its own hash", name).isTrue();
        }
        humanHashes.retainAll(templateHashes);
        assertThat(humanHashes).as("human prompts interleaved with the campaigns keep their own hashes").isEmpty();
    }

    @Test
    void recognisesWhichSideIsTheTemplate() {
        TemplateRecognizer recognizer = new TemplateRecognizer(12, 8, 1 << 12);
        List<String> questions = SharedPrompts.gsm8kQuestions(40);
        MessageTemplate prefix = null;
        MessageTemplate suffix = null;
        MessageTemplate both = null;
        for (String q : questions) {
            prefix = recognizer.recognize(TextNormalizer.normalize("Problem: " + q), true);
            suffix = recognizer.recognize(TextNormalizer.normalize(q + "\nThink step by step."), true);
            both = recognizer.recognize(TextNormalizer.normalize("Question: " + q + " Answer with a number."), true);
        }
        assertThat(prefix).isEqualTo(new MessageTemplate(MessageTemplate.Kind.PREFIX, "P:problem:"));
        assertThat(suffix).isEqualTo(new MessageTemplate(MessageTemplate.Kind.SUFFIX, "S:think step by step."));
        assertThat(both).isEqualTo(new MessageTemplate(MessageTemplate.Kind.PREFIX_AND_SUFFIX,
                "P:question:\u0001S:answer with a number."));
        MessageTemplate fresh = recognizer.recognize(TextNormalizer.normalize("Riddle: " + questions.getFirst()), true);
        assertThat(fresh.kind()).as("a prefix seen once is no template yet").isEqualTo(MessageTemplate.Kind.TEXT);
    }

    @Test
    void keepsRecognisingATemplateAcrossHalvingsOfASmallSketch() {
        TemplateRecognizer recognizer = new TemplateRecognizer(12, 8, 1 << 10);
        List<String> human = SharedPrompts.alpacaPrompts(3_000);
        List<String> questions = SharedPrompts.gsm8kQuestions(300);
        Map<String, Integer> skeletons = new HashMap<>();
        for (int i = 0; i < human.size(); i++) {
            recognizer.recognize(TextNormalizer.normalize(human.get(i)), true);
            if (i % 10 == 0) {
                String prompt = "Problem: " + questions.get(i / 10);
                skeletons.merge(recognizer.recognize(TextNormalizer.normalize(prompt), true).skeleton(), 1,
                        Integer::sum);
            }
        }
        System.out.printf("templateHash: 1 in 11 prompts from one template, sketch halved every 2048 anchors:"
                + " %d/%d recognised%n", skeletons.getOrDefault("P:problem:", 0), questions.size());
        assertThat(skeletons.get("P:problem:")).isGreaterThanOrEqualTo(questions.size() - WARM_UP - 5);
    }

    @Test
    void unrelatedHumanPromptsRarelyShareATemplateHash() {
        double shareGpt = collisionRate("ShareGPT first turns", SharedPrompts.shareGptFirstTurns(Integer.MAX_VALUE));
        double alpaca = collisionRate("Alpaca instructions", SharedPrompts.alpacaPrompts(Integer.MAX_VALUE));
        assertThat(shareGpt).isLessThan(0.03);
        assertThat(alpaca).isLessThan(0.03);
    }

    /** Share of distinct prompts whose templateHash another distinct prompt also got, through a fresh extractor. */
    private static double collisionRate(String name, List<String> prompts) {
        PromptFeatureExtractor extractor = new PromptFeatureExtractor(FeatureConfig.DEFAULTS, Optional.empty());
        Set<Long> distinct = new HashSet<>();
        Map<Long, List<String>> byTemplate = new HashMap<>();
        for (String p : prompts) {
            PromptFeatures f = one(extractor, p);
            if (distinct.add(f.contentHash())) {
                byTemplate.computeIfAbsent(f.templateHash(), k -> new ArrayList<>()).add(p);
            }
        }
        long colliding = byTemplate.values().stream().filter(l -> l.size() > 1).mapToLong(List::size).sum();
        double rate = colliding / (double) distinct.size();
        System.out.printf("templateHash: %d of %d distinct %s share a templateHash with another (%.4f)%n",
                colliding, distinct.size(), name, rate);
        if (Boolean.getBoolean("distillguard.showCollisions")) {
            byTemplate.values().stream().filter(l -> l.size() > 1).forEach(l -> System.out.println("  " + l.stream()
                    .map(s -> s.substring(0, Math.min(70, s.length())).replace('\n', '|')).toList()));
        }
        return rate;
    }
}
