package io.distillguard.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDataRequestClassifierTest {

    private final TrainingDataRequestClassifier classifier = TrainingDataRequestClassifier.load();

    private boolean flags(String prompt) {
        return classifier.test(TextNormalizer.normalize(prompt));
    }

    @Test
    void flagsDatasetGenerationMetaPrompts() {
        assertThat(flags("Generate 50 diverse examples of customer support questions with ideal answers.")).isTrue();
        assertThat(flags("Write 20 variations of the following prompt, each phrased differently.")).isTrue();
        assertThat(flags("Create a synthetic dataset of instruction-response pairs for fine-tuning a model.")).isTrue();
        assertThat(flags("Give me 10 paraphrases of this sentence")).isTrue();
        assertThat(flags("Produce training data for a sentiment classifier, output in JSONL with 100 examples")).isTrue();
        assertThat(flags("Come up with a diverse set of math word problems and their solutions")).isTrue();
        assertThat(flags("请生成100条训练数据，格式为问题和答案")).isTrue();
        assertThat(flags("Erstelle Trainingsdaten für einen Chatbot")).isTrue();
    }

    @Test
    void leavesOrdinaryRequestsAlone() {
        assertThat(flags("Give me three examples of metaphors")).isFalse();
        assertThat(flags("How do I load a CSV file into pandas?")).isFalse();
        assertThat(flags("Summarise this article in two sentences")).isFalse();
    }

    @Test
    void rarelyFlagsRealTraffic() {
        List<String> human = SharedPrompts.shareGptHumanTurns(Integer.MAX_VALUE);
        List<String> alpaca = SharedPrompts.alpacaPrompts(2000);
        long h = human.stream().filter(this::flags).count();
        long a = alpaca.stream().filter(this::flags).count();
        System.out.printf("TRAINING_DATA_REQUEST: ShareGPT human turns %d/%d, Alpaca prompts %d/%d flagged%n",
                h, human.size(), a, alpaca.size());
        assertThat(h / (double) human.size()).isLessThanOrEqualTo(0.03);
        assertThat(a / (double) alpaca.size()).isLessThanOrEqualTo(0.03);
    }
}
