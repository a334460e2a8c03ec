package io.distillguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated model without HTTP: deterministic, readable, related to the prompt, exact token accounting. */
class CompletionEngineTest {

    private static CompletionEngine engine;

    @BeforeAll
    static void load() {
        engine = SharedEngine.with(SimulatorConfig.instant());
    }

    private static String text(CompletionEngine e, String prompt, int index) {
        GenerationRequest request = new GenerationRequest(prompt, index + 1, null, false, 0, null, false, null);
        return e.generate(request).get(index).text();
    }

    @Test
    void sameSeedPromptAndChoiceGiveTheSameText() {
        CompletionEngine other = SharedEngine.with(SimulatorConfig.instant());
        String prompt = "What causes thunder during a summer storm?";

        assertThat(text(other, prompt, 0)).isEqualTo(text(engine, prompt, 0));
        assertThat(text(engine, prompt, 1)).isNotEqualTo(text(engine, prompt, 0));
        assertThat(text(SharedEngine.with(SimulatorConfig.instant().withSeed(7)), prompt, 0))
                .isNotEqualTo(text(engine, prompt, 0));
    }

    @Test
    void answersAreEnglishSentencesAboutThePromptsWords() {
        String answer = text(engine, "Tell me about volcanoes and earthquakes.", 0);

        assertThat(answer.toLowerCase()).containsAnyOf("volcano", "earthquake");
        assertThat(answer).matches("(?s)[\\x00-\\x7F]+").doesNotContain("lorem");
        String[] words = answer.split("\\W+");
        assertThat(words.length).isGreaterThan(20);
        long dictionaryWords = java.util.Arrays.stream(words).filter(w -> w.matches("[A-Za-z]+")).count();
        assertThat(dictionaryWords).isGreaterThan(words.length * 8L / 10);
        assertThat(answer.strip()).matches("(?s)[A-Z].*[.!?\"]");
    }

    @Test
    void codePromptsGetAFencedCodeBlock() {
        String answer = text(engine, "Write a python function that sorts a list of records by date.", 0);

        assertThat(answer).containsPattern("```python\\n[\\s\\S]+\\n```");
    }

    @Test
    void tokensConcatenateToTheTextAndMaxTokensCuts() {
        GenerationRequest capped = GenerationRequest.of("Describe the history of libraries.", 9);
        GeneratedChoice choice = engine.generate(capped).getFirst();

        assertThat(String.join("", choice.tokens())).isEqualTo(choice.text());
        assertThat(choice.tokens()).hasSize(engine.tokens().count(choice.text())).hasSize(9);
        assertThat(choice.finishReason()).isEqualTo("length");

        GeneratedChoice free = engine.generate(GenerationRequest.of("Describe the history of libraries.", null))
                .getFirst();
        assertThat(free.finishReason()).isEqualTo("stop");
        assertThat(free.text()).startsWith(choice.text());
    }

    @Test
    void fixedResponseModeAnswersTheConstantText() {
        CompletionEngine fixed = SharedEngine.with(SimulatorConfig.instant().withFixedResponse(true));
        List<GeneratedChoice> choices = fixed.generate(
                new GenerationRequest("anything", 2, null, true, 2, null, true, "high"));

        assertThat(choices).extracting(GeneratedChoice::text).containsOnly(CompletionEngine.FIXED_TEXT);
        assertThat(choices.getFirst().reasoning()).isNull();
        assertThat(choices.getFirst().logprobs()).hasSize(choices.getFirst().tokens().size());
    }

    @Test
    void timingFollowsTheConfig() {
        CompletionEngine.Timing t = new CompletionEngine(SimulatorConfig.defaults().withTimings(100, 0.5, 10))
                .timing(200, 31);
        assertThat(t.ttftMs()).isEqualTo(200);
        assertThat(t.totalMs()).isEqualTo(500);
    }
}
