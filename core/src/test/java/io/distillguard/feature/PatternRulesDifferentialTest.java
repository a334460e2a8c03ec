package io.distillguard.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PatternRules} (literal prefilter, then regexes) answers exactly as the plain regex evaluation it replaced
 * ({@link RegexOnlyPatternRules}) on thousands of real prompts from ../shared/data, as they are and wrapped in
 * chain-of-thought and meta-prompt instructions, and on each of their lines (the way {@link CodeDetector} asks).
 */
class PatternRulesDifferentialTest {

    /** Meta-prompt wrappers (training-data requests, grading requests) so that those rules fire on real tasks too. */
    private static final List<String> META_WRAPPERS = List.of(
            "Generate 50 diverse examples like the following task, with ideal answers.\n%s",
            "Write 20 variations of the following prompt, each phrased differently: %s",
            "Create a synthetic dataset of instruction-response pairs for fine-tuning, seeded by: %s",
            "%s\nGive me 10 paraphrases of this.",
            "Produce training data in JSONL with 100 examples similar to: %s",
            "请根据以下任务生成100条训练数据：%s",
            "Grade the following response against the rubric below and give a score from 1 to 10.\n%s",
            "You are an impartial judge. Evaluate the assistant's answer to this task: %s",
            "Task: %s\nWhich response is better, A or B?",
            "%s\nRate the model's completion out of 10 using these criteria: correctness, clarity.",
            "Score: [1-10] for the answer to: %s",
            "Bewerte diese Antwort auf die Aufgabe: %s");

    private static final List<String> TEXTS = texts();

    private static List<String> texts() {
        List<String> raw = new ArrayList<>(SharedPrompts.shareGptHumanTurns(1200));
        raw.addAll(SharedPrompts.alpacaPrompts(800));
        raw.addAll(SharedPrompts.gsm8kQuestions(400));
        List<String> gsm = SharedPrompts.gsm8kQuestions(400);
        for (int i = 0; i < gsm.size(); i++) {
            raw.add(CotWrappers.wrap(i, gsm.get(i)));
        }
        List<String> alpaca = SharedPrompts.alpacaPrompts(480);
        for (int i = 0; i < alpaca.size(); i++) {
            raw.add(META_WRAPPERS.get(i % META_WRAPPERS.size()).formatted(alpaca.get(i)));
        }
        return raw.stream().map(TextNormalizer::normalize).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reasoning-elicitation.rules", "training-data-request.rules", "rubric-grading.rules",
            "code-lines.rules"})
    void sameAnswersAsRunningEveryRegex(String resource) {
        PatternRules rules = PatternRules.load(resource);
        RegexOnlyPatternRules reference = RegexOnlyPatternRules.load(resource);
        assertThat(rules.filteredRules()).isPositive();
        int fired = 0;
        int checked = 0;
        for (String text : TEXTS) {
            List<CharSequence> inputs = new ArrayList<>(List.of(text));
            if (resource.startsWith("code")) {
                inputs.clear();
                for (String line : text.split("\n", 60)) {
                    inputs.add(line);
                }
            }
            for (CharSequence in : inputs) {
                boolean expected = reference.anyMatch(in);
                assertThat(rules.anyMatch(in)).as("%s on %s", resource, in).isEqualTo(expected);
                fired += expected ? 1 : 0;
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(3000);
        assertThat(fired).as("rules that fire at all, so both outcomes are compared").isGreaterThan(50);
    }
}
