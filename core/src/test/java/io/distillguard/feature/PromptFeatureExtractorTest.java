package io.distillguard.feature;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.ContentFlag;
import io.distillguard.event.PromptFeatures;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptFeatureExtractorTest {

    private final PromptFeatureExtractor extractor = new PromptFeatureExtractor(FeatureConfig.DEFAULTS, Optional.empty());

    private PromptFeatures one(String text) {
        return extractor.extract(List.of(PromptMessage.user(text)));
    }

    @Test
    void normalisationMakesCosmeticVariantsEqual() {
        PromptFeatures a = one("What is  the capital of France?");
        PromptFeatures b = one("  WHAT is the\tcapital of Ｆｒａｎｃｅ？ ");
        assertThat(b.contentHash()).isEqualTo(a.contentHash());
        assertThat(b.simHash()).isEqualTo(a.simHash());
        assertThat(a.chars()).isEqualTo("what is the capital of france?".length());
        assertThat(one("What is the capital of Spain?").contentHash()).isNotEqualTo(a.contentHash());
    }

    @Test
    void simHashOfNearDuplicatesIsClose() {
        String q = SharedPrompts.gsm8kQuestions(1).getFirst();
        long a = one(q).simHash();
        long edited = one(q.replace("April", "June")).simHash();
        long other = one(SharedPrompts.gsm8kQuestions(2).get(1)).simHash();
        assertThat(Long.bitCount(a ^ edited)).isLessThan(Long.bitCount(a ^ other));
        assertThat(Long.bitCount(a ^ edited)).isLessThanOrEqualTo(16);
    }

    @Test
    void countsMessagesTurnsAndFlags() {
        PromptFeatures f = extractor.extract(List.of(
                new PromptMessage("system", "You are a helpful assistant."),
                PromptMessage.user("Hi"),
                new PromptMessage("assistant", "Hello! Let's think step by step."),
                PromptMessage.user("def f(x):\n    return x * 2\nprint(f(3))\nWhy does this print 6?")));
        assertThat(f.messageCount()).isEqualTo(4);
        assertThat(f.userTurns()).isEqualTo(2);
        assertThat(f.singleTurn()).isFalse();
        assertThat(f.has(ContentFlag.CODE)).isTrue();
        assertThat(f.has(ContentFlag.REASONING_ELICITATION)).as("assistant text is not the user's request").isFalse();
        assertThat(f.embedding()).isNull();
        assertThat(extractor.extract(List.of())).isEqualTo(PromptFeatures.EMPTY);
    }

    @Test
    void guessesLanguages() {
        Map<String, String> samples = Map.of(
                "en", "Please explain how the immune system fights a virus and what vaccines do.",
                "zh", "请解释一下免疫系统是如何对抗病毒的，以及疫苗的作用。",
                "ja", "免疫システムがどのようにウイルスと戦うのか説明してください。",
                "ko", "면역 체계가 바이러스와 어떻게 싸우는지 설명해 주세요.",
                "ru", "Объясни, как иммунная система борется с вирусом и что делают вакцины.",
                "es", "Explica cómo el sistema inmunológico combate un virus y qué hacen las vacunas.",
                "fr", "Explique comment le système immunitaire combat un virus et ce que font les vaccins.",
                "de", "Erkläre, wie das Immunsystem einen Virus bekämpft und was Impfstoffe tun.",
                "pt", "Explique como o sistema imunológico combate um vírus e o que as vacinas fazem.",
                "ar", "اشرح كيف يحارب الجهاز المناعي الفيروس وما الذي تفعله اللقاحات.");
        samples.forEach((lang, text) -> assertThat(one(text).language()).as(text).isEqualTo(lang));
        assertThat(one("12345 ?!").language()).isEqualTo("und");
    }

    @Test
    void templatedPromptsShareTemplateHashAndUnrelatedPromptsRarelyCollide() {
        List<String> templates = List.of(
                "Solve the following math problem.\n\nProblem: %s\n\nLet's think step by step.",
                "Question:\n%s\nAnswer:",
                "You are a math tutor. Explain your reasoning.\n%s\nPut the final answer after ####.");
        List<String> questions = SharedPrompts.gsm8kQuestions(300);
        Set<Long> seen = new HashSet<>();
        for (String template : templates) {
            Map<Long, Integer> counts = new HashMap<>();
            for (String q : questions) {
                counts.merge(one(template.formatted(q)).templateHash(), 1, Integer::sum);
            }
            int top = counts.values().stream().max(Integer::compare).orElseThrow();
            long hash = counts.entrySet().stream().filter(e -> e.getValue() == top).findFirst().orElseThrow().getKey();
            System.out.printf("templateHash: template %d shared by %d/%d GSM8K prompts%n",
                    templates.indexOf(template), top, questions.size());
            assertThat(top / (double) questions.size()).isGreaterThanOrEqualTo(0.9);
            assertThat(seen.add(hash)).as("different templates, different hashes").isTrue();
        }

        List<String> human = SharedPrompts.shareGptFirstTurns(Integer.MAX_VALUE);
        Map<Long, Long> byTemplate = new HashMap<>();
        Set<Long> distinctContent = new HashSet<>();
        for (String h : human) {
            PromptFeatures f = one(h);
            if (distinctContent.add(f.contentHash())) {
                byTemplate.merge(f.templateHash(), 1L, Long::sum);
            }
        }
        long colliding = byTemplate.values().stream().filter(c -> c > 1).mapToLong(Long::longValue).sum();
        double rate = colliding / (double) distinctContent.size();
        System.out.printf("templateHash: %d of %d distinct ShareGPT first turns share a templateHash with another (%.3f)%n",
                colliding, distinctContent.size(), rate);
        assertThat(rate).isLessThanOrEqualTo(0.05);
    }
}
