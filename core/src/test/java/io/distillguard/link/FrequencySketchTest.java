package io.distillguard.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrequencySketchTest {

    @Test
    void countsRecurringKeysExactlyWhileTheSketchIsSparse() {
        FrequencySketch sketch = new FrequencySketch();
        for (int i = 1; i <= 5; i++) {
            assertThat(sketch.add(42L)).isEqualTo(i);
        }
        assertThat(sketch.estimate(43L)).isZero();
    }

    @Test
    void oneOffKeysStayOneOffAfterMillionsOfDistinctAdditions() {
        FrequencySketch sketch = new FrequencySketch();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 3_000_000; i++) {
            sketch.add(random.nextLong());
        }
        int overThree = 0;
        for (int i = 0; i < 10_000; i++) {
            if (sketch.add(random.nextLong()) >= 3) {
                overThree++;
            }
        }
        // Without aging the 3M one-off keys raise every counter to about 11 and all of these would read as recurring.
        assertThat(overThree).isLessThan(100);
    }

    @Test
    void aRecentlyRecurringKeyStaysVisibleAcrossAgingAndOldCountsFade() {
        FrequencySketch sketch = new FrequencySketch();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000; i++) {
            sketch.add(1L);
        }
        for (int period = 0; period < 16; period++) {
            for (int i = 0; i < FrequencySketch.AGING_PERIOD; i++) {
                sketch.add(random.nextLong());
            }
        }
        assertThat(sketch.estimate(1L)).as("1,000 uses sixteen halvings ago").isLessThan(3);
        for (int i = 0; i < 3; i++) {
            sketch.add(2L);
        }
        assertThat(sketch.estimate(2L)).isGreaterThanOrEqualTo(3);
    }
}
