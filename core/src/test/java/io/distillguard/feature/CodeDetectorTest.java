package io.distillguard.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CodeDetectorTest {

    private final CodeDetector detector = CodeDetector.load();

    private boolean flags(String prompt) {
        return detector.test(TextNormalizer.normalize(prompt));
    }

    @Test
    void flagsCode() {
        assertThat(flags("why does this fail?\n```\nx = 1\n```")).isTrue();
        assertThat(flags("def add(a, b):\n    return a + b\n\nprint(add(1, 2))")).isTrue();
        assertThat(flags("public class A {\n  int x;\n  void f() { x++; }\n}")).isTrue();
        assertThat(flags("SELECT name FROM users WHERE id = 3;\nUPDATE users SET name = 'a' WHERE id = 4;")).isTrue();
    }

    @Test
    void leavesProseAlone() {
        assertThat(flags("What is the capital of France?")).isFalse();
        assertThat(flags("Write a short story about a dragon.\nMake it funny.\nKeep it under 200 words.")).isFalse();
    }

    @Test
    void separatesCodeTurnsFromMathWordProblems() {
        List<String> human = SharedPrompts.shareGptHumanTurns(Integer.MAX_VALUE);
        List<String> fenced = human.stream().filter(t -> t.contains("```")).toList();
        List<String> gsm = SharedPrompts.gsm8kQuestions(1000);
        long gsmFlagged = gsm.stream().filter(this::flags).count();
        long humanFlagged = human.stream().filter(this::flags).count();
        System.out.printf("CODE: ShareGPT human turns %d/%d flagged; GSM8K questions %d/%d flagged%n",
                humanFlagged, human.size(), gsmFlagged, gsm.size());
        assertThat(fenced).isNotEmpty().allMatch(this::flags);
        assertThat(gsmFlagged / (double) gsm.size()).isLessThanOrEqualTo(0.01);
    }
}
