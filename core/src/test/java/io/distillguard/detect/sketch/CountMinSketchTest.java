package io.distillguard.detect.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CountMinSketchTest {

    @Test
    void countsKeysAndRarelyOvercountsUnseenOnes() {
        CountMinSketch sketch = new CountMinSketch(1 << 14, Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 4096; i++) {
            sketch.add(random.nextLong());
        }
        for (int i = 0; i < 50; i++) {
            assertThat(sketch.add(42L)).isEqualTo(i + 1);
        }
        assertThat(sketch.estimate(42L)).isEqualTo(50);
        int overcounted = 0;
        for (int i = 0; i < 10_000; i++) {
            overcounted += sketch.estimate(random.nextLong()) > 1 ? 1 : 0;
        }
        assertThat(overcounted).as("unseen keys estimated above 1").isLessThan(100);
    }

    @Test
    void halvesAllCountersEveryPeriod() {
        CountMinSketch sketch = new CountMinSketch(64, 64);
        for (int i = 0; i < 64; i++) {
            sketch.add(1L);
        }
        assertThat(sketch.estimate(1L)).isEqualTo(32);
        for (int i = 0; i < 36; i++) {
            sketch.add(2L);
        }
        assertThat(sketch.estimate(1L)).isEqualTo(32);
        assertThat(sketch.estimate(2L)).isEqualTo(36);
    }

    @Test
    void mergesAndRoundTripsThroughBytes() {
        CountMinSketch a = new CountMinSketch(256, 1_000);
        CountMinSketch b = new CountMinSketch(256, 1_000);
        for (int i = 0; i < 10; i++) {
            a.add(5L);
            b.add(5L);
            b.add(6L);
        }
        a.merge(b);
        assertThat(a.estimate(5L)).isEqualTo(20);
        assertThat(a.estimate(6L)).isEqualTo(10);
        CountMinSketch copy = CountMinSketch.fromBytes(a.toBytes());
        assertThat(copy.width()).isEqualTo(256);
        assertThat(copy.estimate(5L)).isEqualTo(20);
        assertThat(copy.estimate(6L)).isEqualTo(10);
        assertThatThrownBy(() -> a.merge(new CountMinSketch(512, 1_000))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CountMinSketch(100, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentAddsStayWithinBounds() throws Exception {
        CountMinSketch sketch = new CountMinSketch(1 << 10, Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long own = 1000 + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        sketch.add(99L);
                        sketch.add(own);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(sketch.estimate(99L)).isBetween(5_000, 20_000);
        for (int t = 0; t < 4; t++) {
            assertThat(sketch.estimate(1000 + t)).as("a key only one thread adds is exact").isEqualTo(5_000);
        }
    }
}
