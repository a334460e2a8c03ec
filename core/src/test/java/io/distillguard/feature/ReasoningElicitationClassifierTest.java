package io.distillguard.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasoningElicitationClassifierTest {

    private final ReasoningElicitationClassifier classifier = ReasoningElicitationClassifier.load();

    private boolean flags(String prompt) {
        return classifier.test(TextNormalizer.normalize(prompt));
    }

    @Test
    void flagsChainOfThoughtRequestsInManyLanguages() {
        assertThat(flags("Imagine and articulate the internal reasoning behind a completed response and write it out step by step.")).isTrue();
        assertThat(flags("Before answering, think in the user's language.")).isTrue();
        assertThat(flags("Use chain-of-thought and give the final answer.")).isTrue();
        assertThat(flags("一步一步地推理这个问题")).isTrue();
        assertThat(flags("順を追って考えてください")).isTrue();
        assertThat(flags("차근차근 풀어 보세요")).isTrue();
        assertThat(flags("Реши задачу пошагово")).isTrue();
        assertThat(flags("Resuelve paso a paso")).isTrue();
        assertThat(flags("Détaille ton raisonnement")).isTrue();
        assertThat(flags("Löse die Aufgabe schrittweise")).isTrue();
        assertThat(flags("Resolva passo a passo")).isTrue();
        assertThat(flags("حل المسألة خطوة بخطوة")).isTrue();
    }

    @Test
    void leavesOrdinaryRequestsAlone() {
        assertThat(flags("Give me a step-by-step guide to install Docker on Ubuntu")).isFalse();
        assertThat(flags("What is the capital of France?")).isFalse();
        assertThat(flags("Write a poem about autumn leaves")).isFalse();
        assertThat(flags("Fix this error: TypeError: cannot read properties of undefined")).isFalse();
    }

    @Test
    void flagsWrappedRealTasksAndRarelyPlainShareGptTurns() {
        List<String> tasks = new ArrayList<>(SharedPrompts.alpacaPrompts(500));
        tasks.addAll(SharedPrompts.gsm8kQuestions(500));
        int flagged = 0;
        for (int i = 0; i < tasks.size(); i++) {
            if (flags(CotWrappers.wrap(i, tasks.get(i)))) {
                flagged++;
            }
        }
        double recall = flagged / (double) tasks.size();

        List<String> human = SharedPrompts.shareGptHumanTurns(Integer.MAX_VALUE);
        long falsePositives = human.stream().filter(this::flags).count();
        double fpr = falsePositives / (double) human.size();
        System.out.printf("REASONING_ELICITATION: wrapped Alpaca+GSM8K %d/%d = %.3f flagged; plain ShareGPT human turns %d/%d = %.3f flagged%n",
                flagged, tasks.size(), recall, falsePositives, human.size(), fpr);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        assertThat(fpr).isLessThanOrEqualTo(0.05);
        long plainTasks = tasks.stream().filter(this::flags).count();
        assertThat(plainTasks / (double) tasks.size()).isLessThanOrEqualTo(0.05);
    }
}
