package io.distillguard.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MmdEstimatorTest {

    private static SemanticFixture data;

    @BeforeAll
    static void embed() {
        data = new SemanticFixture(260, 60);
    }

    private static EmbeddingWindow window(List<byte[]> vectors, String prefix) {
        EmbeddingWindow w = EmbeddingWindow.defaults();
        for (int i = 0; i < vectors.size(); i++) {
            w.update(prefix + i, vectors.get(i));
        }
        return w;
    }

    @Test
    void templatedCotWindowStandsOutFromBenignTrafficAndHeldOutBenignDoesNot() {
        BenignReference reference = BenignReference.of(data.benign.subList(0, 200), 200, 3);
        EmbeddingWindow heldOut = window(data.benign.subList(200, 260), "benign_");
        EmbeddingWindow campaign = window(data.campaign, "attack_");
        MmdEstimator mmd = new MmdEstimator(300, 0.01, 5);

        MmdResult benign = mmd.compare(heldOut, reference);
        MmdResult attack = mmd.compare(campaign, reference);
        System.out.printf("MMD^2 vs ShareGPT reference (200): held-out ShareGPT window %.4f (p=%.3f, thr=%.4f); "
                + "GSM8K+CoT template window %.4f (p=%.3f, thr=%.4f)%n", benign.mmd2(), benign.pValue(),
                benign.threshold(), attack.mmd2(), attack.pValue(), attack.threshold());
        assertThat(attack.significant()).isTrue();
        assertThat(attack.score()).isGreaterThan(0.99);
        assertThat(benign.significant()).isFalse();
        assertThat(attack.mmd2()).isGreaterThan(5 * Math.max(benign.mmd2(), 0.001));
    }

    @Test
    void halfMixedWindowStillScoresAboveBenign() {
        BenignReference reference = BenignReference.of(data.benign.subList(0, 200), 200, 3);
        EmbeddingWindow mixed = EmbeddingWindow.defaults();
        for (int i = 0; i < 30; i++) {
            mixed.update("a" + i, data.campaign.get(i));
            mixed.update("b" + i, data.benign.get(200 + i));
        }
        MmdEstimator mmd = new MmdEstimator(300, 0.01, 5);
        MmdResult benign = mmd.compare(window(data.benign.subList(200, 260), "benign_"), reference);
        assertThat(mmd.compare(mixed, reference).mmd2()).isGreaterThan(benign.mmd2());
    }
}
