package io.distillguard.bench;

import io.distillguard.event.PromptFeatures;
import io.distillguard.feature.BenchmarkIndex;
import io.distillguard.feature.FeatureConfig;
import io.distillguard.feature.PromptFeatureExtractor;
import io.distillguard.feature.PromptMessage;
import io.distillguard.feature.SharedPrompts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@link PromptFeatureExtractor#extract} on real prompts (ShareGPT human turns, Alpaca instructions,
 * GSM8K questions, cycled), with and without the MMLU + GSM8K benchmark index. Not run by surefire; run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main PromptFeatureExtractorBenchmark -f1 -wi 2 -i 3 -w 2s -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PromptFeatureExtractorBenchmark {

    @Param({"false", "true"})
    public boolean benchmarkIndex;

    private PromptFeatureExtractor extractor;
    private List<List<PromptMessage>> prompts;
    private int next;

    @Setup
    public void setUp() {
        Optional<BenchmarkIndex> index = benchmarkIndex
                ? Optional.of(BenchmarkIndex.load(List.of(SharedPrompts.mmluDir(), SharedPrompts.gsm8k())))
                : Optional.empty();
        extractor = new PromptFeatureExtractor(FeatureConfig.DEFAULTS, index);
        List<String> texts = new ArrayList<>(SharedPrompts.shareGptHumanTurns(1000));
        texts.addAll(SharedPrompts.alpacaPrompts(500));
        texts.addAll(SharedPrompts.gsm8kQuestions(500));
        prompts = texts.stream().map(t -> List.of(PromptMessage.user(t))).toList();
    }

    @Benchmark
    public PromptFeatures extract() {
        List<PromptMessage> p = prompts.get(next);
        next = next + 1 == prompts.size() ? 0 : next + 1;
        return extractor.extract(p);
    }
}
