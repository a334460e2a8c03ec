package io.distillguard.bench;

import io.distillguard.feature.PatternRules;
import io.distillguard.feature.RegexOnlyPatternRules;
import io.distillguard.feature.SharedPrompts;
import io.distillguard.feature.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The three prose rule sets (reasoning elicitation, training-data requests, rubric grading) on one normalised real
 * prompt (ShareGPT human turns, Alpaca, GSM8K, cycled), with the literal prefilter ({@code prefiltered}) and as every
 * regex ran before ({@code regexOnly}). Not run by surefire; run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main ContentRulesBenchmark -f1 -wi 2 -i 3 -w 2s -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ContentRulesBenchmark {

    private static final List<String> RULES = List.of("reasoning-elicitation.rules", "training-data-request.rules",
            "rubric-grading.rules");

    @Param({"prefiltered", "regexOnly"})
    public String impl;

    private List<Predicate<String>> ruleSets;
    private List<String> texts;
    private int next;

    @Setup
    public void setUp() {
        ruleSets = new ArrayList<>();
        for (String r : RULES) {
            if (impl.equals("prefiltered")) {
                PatternRules rules = PatternRules.load(r);
                ruleSets.add(rules::anyMatch);
            } else {
                RegexOnlyPatternRules rules = RegexOnlyPatternRules.load(r);
                ruleSets.add(rules::anyMatch);
            }
        }
        List<String> raw = new ArrayList<>(SharedPrompts.shareGptHumanTurns(1000));
        raw.addAll(SharedPrompts.alpacaPrompts(500));
        raw.addAll(SharedPrompts.gsm8kQuestions(500));
        texts = raw.stream().map(TextNormalizer::normalize).toList();
    }

    @Benchmark
    public int classify() {
        String text = texts.get(next);
        next = next + 1 == texts.size() ? 0 : next + 1;
        int flags = 0;
        for (int i = 0; i < ruleSets.size(); i++) {
            flags |= ruleSets.get(i).test(text) ? 1 << i : 0;
        }
        return flags;
    }
}
