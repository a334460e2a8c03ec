package io.distillguard.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmbeddingWindowTest {

    private static byte[] vector(int id) {
        byte[] v = new byte[64];
        new SplittableRandom(id).nextBytes(v);
        v[0] = (byte) (id >> 8);
        v[1] = (byte) id;
        return v;
    }

    @Test
    void keepsABoundedOrderIndependentSampleThatFitsIn2Kb() {
        EmbeddingWindow forward = EmbeddingWindow.defaults();
        EmbeddingWindow backward = EmbeddingWindow.defaults();
        for (int i = 0; i < 1000; i++) {
            forward.update("req_" + i, vector(i));
            backward.update("req_" + (999 - i), vector(999 - i));
        }
        assertThat(forward.size()).isEqualTo(28);
        assertThat(forward.seen()).isEqualTo(1000);
        assertThat(ids(forward)).isEqualTo(ids(backward));
        assertThat(forward.toBytes().length).isLessThanOrEqualTo(EmbeddingWindow.MAX_BYTES);
    }

    @Test
    void mergeEqualsTheWindowOfTheUnionAndBytesRoundTrip() {
        EmbeddingWindow all = EmbeddingWindow.defaults();
        EmbeddingWindow a = EmbeddingWindow.defaults();
        EmbeddingWindow b = EmbeddingWindow.defaults();
        for (int i = 0; i < 500; i++) {
            all.update("req_" + i, vector(i));
            (i % 3 == 0 ? a : b).update("req_" + i, vector(i));
        }
        a.merge(b);
        assertThat(ids(a)).isEqualTo(ids(all));
        assertThat(a.seen()).isEqualTo(500);
        EmbeddingWindow copy = EmbeddingWindow.fromBytes(a.toBytes());
        assertThat(ids(copy)).isEqualTo(ids(a));
        assertThat(copy.seen()).isEqualTo(500);
    }

    @Test
    void rejectsWindowsOver2Kb() {
        assertThatThrownBy(() -> new EmbeddingWindow(64, 64)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Windows hold the vectors, and vector(i) carries id i in its first two bytes. */
    private static Set<Integer> ids(EmbeddingWindow w) {
        Set<Integer> ids = new HashSet<>();
        List<byte[]> vectors = w.vectors();
        vectors.forEach(v -> ids.add((v[0] & 0xFF) << 8 | (v[1] & 0xFF)));
        assertThat(ids).hasSameSizeAs(vectors);
        return ids;
    }
}
