package io.distillguard.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoverageEstimatorTest {

    private static SemanticFixture data;
    private static final EmbeddingBuckets BUCKETS = new EmbeddingBuckets(64, 10, 17);

    @BeforeAll
    static void embed() {
        data = new SemanticFixture(200, 200);
    }

    @Test
    void broadTrafficCoversMoreTopicBucketsThanOneTemplate() {
        CoverageEstimator broad = CoverageEstimator.create(10);
        CoverageEstimator templated = CoverageEstimator.create(10);
        data.benign.forEach(v -> broad.update(BUCKETS.bucketOf(v)));
        data.campaign.forEach(v -> templated.update(BUCKETS.bucketOf(v)));
        System.out.printf("Coverage (10-bit LSH): ShareGPT %.0f buckets / %d prompts, GSM8K+CoT template %.0f / %d%n",
                broad.distinctBuckets(), broad.updates(), templated.distinctBuckets(), templated.updates());
        assertThat(broad.distinctBuckets()).isGreaterThan(1.5 * templated.distinctBuckets());
    }

    @Test
    void distinctCountIsAccurateMergeableAndSerialisable() {
        CoverageEstimator a = CoverageEstimator.create(10);
        CoverageEstimator b = CoverageEstimator.create(10);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 3000; i++) {
            (i % 2 == 0 ? a : b).update(r.nextInt(2000));
        }
        a.merge(b);
        CoverageEstimator copy = CoverageEstimator.fromBytes(a.toBytes());
        assertThat(copy.updates()).isEqualTo(3000);
        // 3000 draws from 2000 values hit about 2000 * (1 - e^-1.5) = 1554 distinct ones.
        assertThat(copy.distinctBuckets()).isBetween(1554 * 0.9, 1554 * 1.1);
        assertThat(copy.growth()).isBetween(0.45, 0.6);
    }

    @Test
    void similarVectorsShareBuckets() {
        byte[] v = data.benign.getFirst();
        assertThat(BUCKETS.bucketOf(v.clone())).isEqualTo(BUCKETS.bucketOf(v));
    }
}
