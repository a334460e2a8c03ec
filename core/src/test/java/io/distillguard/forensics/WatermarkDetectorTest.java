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
        assertUniform(detector, realTexts, "plain");
    }

    /**
     * The same with a reference (half of the real texts, never watermarked, standing in for the teacher's own unmarked
     * answers): the other half's 1,000 batches still give uniform p-values, since the scores ignore the key.
     */
    @Test
    void pValuesWithAReferenceAreUniformToo() {
        int half = realTexts.size() / 2;
        WatermarkDetector withReference = new WatermarkDetector(SynonymTable.standard(), 1.0,
                WatermarkDetector.DEFAULT_ASSUMED_SHARE, detector.slots(realTexts.subList(0, half)));
        assertUniform(withReference, realTexts.subList(half, realTexts.size()), "reference");
    }

    @Test
    void theReferenceStatisticFindsMarkedTextsAndOnlyUnderTheirKey() {
        int half = realTexts.size() / 2;
        WatermarkDetector withReference = new WatermarkDetector(SynonymTable.standard(), 1.0,
                WatermarkDetector.DEFAULT_ASSUMED_SHARE, detector.slots(realTexts.subList(0, half)));
        LexicalWatermarker watermarker = new LexicalWatermarker(new WatermarkConfig(GLOBAL, 1.0,
                WatermarkScope.PER_ENTITY));
        List<String> suspect = realTexts.subList(half, half + 3000);
        List<String> marked = suspect.stream()
                .map(t -> watermarker.apply(t, new WatermarkRequest("entity-5", "", false))).toList();
        List<WatermarkKey> keys = IntStream.range(0, 8).mapToObj(i -> GLOBAL.forEntity("entity-" + i)).toList();
        DetectionReport report = withReference.test(marked, keys);
        assertThat(report.strongest().keyId()).isEqualTo("entity:entity-5");
        assertThat(report.results().get(5).holmAdjustedPValue()).isLessThan(1e-12);
        assertThat(report.results()).filteredOn(r -> r != report.results().get(5))
                .allSatisfy(r -> assertThat(r.holmAdjustedPValue()).isGreaterThan(1e-3));
        assertThat(withReference.test(suspect, keys).strongest().holmAdjustedPValue()).isGreaterThan(1e-3);
    }

    private static void assertUniform(WatermarkDetector tested, List<String> texts, String label) {
        int batches = 1000;
        double[] randomized = new double[batches];
        double[] conservative = new double[batches];
        Random random = new Random(3);
        for (int b = 0; b < batches; b++) {
            int batchIndex = b;
            List<String> batch = IntStream.range(0, texts.size()).filter(i -> i % batches == batchIndex)
                    .mapToObj(texts::get).toList();
            byte[] secret = ByteBuffer.allocate(32).putLong(random.nextLong()).putLong(random.nextLong()).array();
            KeyTestResult result = tested.test(tested.slots(batch), WatermarkKey.global(secret));
            randomized[b] = result.randomizedPValue();
            conservative[b] = result.pValue();
            assertThat(result.pValue()).isGreaterThanOrEqualTo(result.randomizedPValue());
        }
        KolmogorovSmirnov ks = KolmogorovSmirnov.uniform(randomized);
        long below01 = IntStream.range(0, batches).filter(i -> conservative[i] <= 0.01).count();
        long below05 = IntStream.range(0, batches).filter(i -> conservative[i] <= 0.05).count();
        System.out.printf("calibration (%s): %d batches of %d real texts, KS D=%.4f p=%.3f; conservative p<=0.01: %d,"
                + " <=0.05: %d%n", label, batches, texts.size(), ks.statistic(), ks.pValue(), below01, below05);
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
