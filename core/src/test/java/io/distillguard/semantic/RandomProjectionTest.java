package io.distillguard.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.feature.SharedPrompts;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomProjectionTest {

    @Test
    void projectionIsSeededAndKeepsSimilarityOrder() {
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        List<String> q = SharedPrompts.gsm8kQuestions(40);
        List<byte[]> full = embedder.embedAll(q);
        assertThat(full.getFirst()).hasSize(384);
        double norm = 0;
        for (byte b : full.getFirst()) {
            norm += (b / 127.0) * (b / 127.0);
        }
        assertThat(norm).isBetween(0.97, 1.03);

        RandomProjection p = RandomProjection.defaults(9);
        assertThat(RandomProjection.defaults(9).project(full.get(0))).isEqualTo(p.project(full.get(0)));
        assertThat(RandomProjection.defaults(10).project(full.get(0))).isNotEqualTo(p.project(full.get(0)));

        double error = 0;
        int pairs = 0;
        for (int i = 0; i < full.size(); i++) {
            for (int j = i + 1; j < full.size(); j++) {
                error += Math.abs(Int8Vectors.cosine(full.get(i), full.get(j))
                        - Int8Vectors.cosine(p.project(full.get(i)), p.project(full.get(j))));
                pairs++;
            }
        }
        System.out.printf("RandomProjection 384->64: mean |cosine error| %.3f over %d GSM8K pairs%n", error / pairs, pairs);
        assertThat(error / pairs).isLessThan(0.12);

        byte[] paraphrase = embedder.embed("How many clips did Natalia sell in total in April and May, if she sold 48 in April and half as many in May?");
        assertThat(Int8Vectors.cosine(p.project(paraphrase), p.project(full.get(0))))
                .isGreaterThan(Int8Vectors.cosine(p.project(paraphrase), p.project(full.get(1))));
    }
}
