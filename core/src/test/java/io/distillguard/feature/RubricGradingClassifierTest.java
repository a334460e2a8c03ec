package io.distillguard.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RubricGradingClassifierTest {

    private final RubricGradingClassifier classifier = RubricGradingClassifier.load();

    private boolean flags(String prompt) {
        return classifier.test(TextNormalizer.normalize(prompt));
    }

    @Test
    void flagsGradingRequests() {
        assertThat(flags("Grade the following response against the rubric below and give a score from 1 to 10.")).isTrue();
        assertThat(flags("You are an impartial judge. Evaluate the assistant's answer for helpfulness.")).isTrue();
        assertThat(flags("Score this answer on a scale of 1-5 for accuracy.\nQuestion: ...\nAnswer: ...")).isTrue();
        assertThat(flags("Which response is better, A or B? Explain briefly.")).isTrue();
        assertThat(flags("Rate the model's completion out of 10 using these criteria: correctness, clarity.")).isTrue();
        assertThat(flags("请根据评分标准给这个回答打分")).isTrue();
    }

    @Test
    void leavesOrdinaryRequestsAlone() {
        assertThat(flags("How are GPAs graded in the US?")).isFalse();
        assertThat(flags("Write an essay about climate change")).isFalse();
        assertThat(flags("What is a good credit score?")).isFalse();
    }

    @Test
    void rarelyFlagsRealTraffic() {
        List<String> human = SharedPrompts.shareGptHumanTurns(Integer.MAX_VALUE);
        List<String> alpaca = SharedPrompts.alpacaPrompts(2000);
        long h = human.stream().filter(this::flags).count();
        long a = alpaca.stream().filter(this::flags).count();
        System.out.printf("RUBRIC_GRADING: ShareGPT human turns %d/%d, Alpaca prompts %d/%d flagged%n",
                h, human.size(), a, alpaca.size());
        assertThat(h / (double) human.size()).isLessThanOrEqualTo(0.02);
        assertThat(a / (double) alpaca.size()).isLessThanOrEqualTo(0.02);
    }
}
