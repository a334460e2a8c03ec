package io.distillguard.bench;

import io.distillguard.feature.MessageTemplate;
import io.distillguard.feature.SharedPrompts;
import io.distillguard.feature.TemplateRecognizer;
import io.distillguard.feature.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of {@link TemplateRecognizer#recognize} (masking, anchor candidates, sketch updates, line skeleton) per message
 * on real prompts: ShareGPT human turns, Alpaca instructions and GSM8K questions inside an inline template, cycled.
 * Not run by surefire; run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main TemplateRecognizerBenchmark -f1 -wi 2 -i 3 -w 2s -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TemplateRecognizerBenchmark {

    private TemplateRecognizer recognizer;
    private List<String> texts;
    private int next;

    @Setup
    public void setUp() {
        recognizer = new TemplateRecognizer(12, 8, 1 << 16);
        List<String> raw = new ArrayList<>(SharedPrompts.shareGptHumanTurns(1000));
        raw.addAll(SharedPrompts.alpacaPrompts(500));
        SharedPrompts.gsm8kQuestions(500).forEach(q -> raw.add("Problem: " + q));
        texts = raw.stream().map(TextNormalizer::normalize).toList();
    }

    @Benchmark
    public MessageTemplate recognize() {
        String text = texts.get(next);
        next = next + 1 == texts.size() ? 0 : next + 1;
        return recognizer.recognize(text, true);
    }
}
