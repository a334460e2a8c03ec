package io.distillguard.forensics;

import io.distillguard.watermark.LexicalWatermarker;
import io.distillguard.watermark.RealTexts;
import io.distillguard.watermark.SynonymTable;
import io.distillguard.watermark.WatermarkConfig;
import io.distillguard.watermark.WatermarkKey;
import io.distillguard.watermark.WatermarkRequest;
import io.distillguard.watermark.WatermarkScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WatermarkDetectorTest {

    private static final WatermarkKey GLOBAL = WatermarkKey.global("detector-test-global-key-0123456789".getBytes(StandardCharsets.UTF_8));
    private static List<String> realTexts;
    private static WatermarkDetector detector;

    @BeforeAll
    static void load() {
        realTexts = new ArrayList<>(RealTexts.alpacaOutputs());
        realTexts.addAll(RealTexts.gsm8kAnswers());
        realTexts.addAll(RealTexts.shareGptReplies());
        Collections.shuffle(realTexts, new Random(11));
        detector = new WatermarkDetector(SynonymTable.standard(), 1.0);
    }

    /** On 1,000 batches of never-watermarked real texts, each tested under its own random key, p-values are uniform. */
    @Test
    void pValuesOnUnwatermarkedRealTextsAreUniform() {
        int batches = 1000;
        double[] randomized = new double[batches];
        double[] conservative = new double[batches];
        Random random = new Random(3);
        for (int b = 0; b < batches; b++) {
            int batchIndex = b;
            List<String> batch = IntStream.range(0, realTexts.size()).filter(i -> i % batches == batchIndex)
                    .mapToObj(realTexts::get).toList();
            byte[] secret = ByteBuffer.allocate(32).putLong(random.nextLong()).putLong(random.nextLong()).array();
            KeyTestResult result = detector.test(detector.slots(batch), WatermarkKey.global(secret));
            randomized[b] = result.randomizedPValue();
            conservative[b] = result.pValue();
            assertThat(result.pValue()).isGreaterThanOrEqualTo(result.randomizedPValue());
        }
        KolmogorovSmirnov ks = KolmogorovSmirnov.uniform(randomized);
        long below01 = IntStream.range(0, batches).filter(i -> conservative[i] <= 0.01).count();
        long below05 = IntStream.range(0, batches).filter(i -> conservative[i] <= 0.05).count();
        System.out.printf("calibration: %d batches of %d real texts, KS D=%.4f p=%.3f; conservative p<=0.01: %d, <=0.05: %d%n",
                batches, realTexts.size(), ks.statistic(), ks.pValue(), below01, below05);
        assertThat(ks.pValue()).isGreaterThan(0.01);
        assertThat(below01).isLessThanOrEqualTo(20); // binomial(1000, 0.01) stays below 20 with probability > 0.999
        assertThat(below05).isLessThanOrEqualTo(70);
    }

    @Test
    void detectsWatermarkedTextsAndAttributesTheEntity() {
        WatermarkConfig config = new WatermarkConfig(GLOBAL, 1.0, WatermarkScope.PER_ENTITY);
        LexicalWatermarker watermarker = new LexicalWatermarker(config);
        List<String> marked = realTexts.subList(0, 3000).stream()
                .map(t -> watermarker.apply(t, new WatermarkRequest("entity-3", "", false))).toList();
        List<WatermarkKey> keys = IntStream.range(0, 8).mapToObj(i -> GLOBAL.forEntity("entity-" + i)).toList();
        DetectionReport report = detector.test(marked, keys);
        KeyTestResult right = report.results().get(3);
        assertThat(report.strongest().keyId()).isEqualTo("entity:entity-3");
        assertThat(right.holmAdjustedPValue()).isLessThan(1e-12);
        assertThat(right.zScore()).isGreaterThan(7);
        assertThat(report.results()).filteredOn(r -> r != right).allSatisfy(r -> assertThat(r.holmAdjustedPValue()).isGreaterThan(1e-3));
        DetectionReport clean = detector.test(realTexts.subList(0, 3000), keys);
        assertThat(clean.strongest().holmAdjustedPValue()).isGreaterThan(1e-3);
    }

    @Test
    void holmAdjustmentIsStepDown() {
        assertThat(HolmBonferroni.adjust(new double[] {0.01, 0.04, 0.03, 0.5}))
                .containsExactly(new double[] {0.04, 0.09, 0.09, 0.5}, within(1e-12));
    }

    @Test
    void kolmogorovSmirnovRejectsNonUniformSamples() {
        Random random = new Random(5);
        double[] uniform = random.doubles(1000).toArray();
        double[] squared = random.doubles(1000).map(x -> x * x).toArray();
        assertThat(KolmogorovSmirnov.uniform(uniform).pValue()).isGreaterThan(0.01);
        assertThat(KolmogorovSmirnov.uniform(squared).pValue()).isLessThan(1e-6);
    }
}
