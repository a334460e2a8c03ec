package io.distillguard.detect.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SketchesTest {
    @Test
    void aCachedDistinctEstimateIsAlwaysTheEstimateOfTheRegisters() {
        // the estimate is kept across updates that change no register: read after every update, it must equal the
        // estimate of the same registers read fresh (values repeat, so many updates change nothing)
        DistinctCount cached = new DistinctCount(7);
        Random random = new Random(3);
        int kept = 0;
        for (int i = 0; i < 20_000; i++) {
            double before = cached.estimate();
            cached.update(random.nextInt(i < 10_000 ? 40 : 100_000));
            double fresh = DistinctCount.fromBytes(cached.toBytes()).estimate();
            assertThat(cached.estimate()).isEqualTo(fresh);
            if (fresh == before) {
                kept++;
            }
        }
        assertThat(kept).isGreaterThan(9_000);
    }

    @Test
    void distinctCountEstimatesMergesAndRoundTrips() {
        DistinctCount a = new DistinctCount(7);
        DistinctCount b = new DistinctCount(7);
        for (long i = 0; i < 5000; i++) {
            a.update(i);
            b.update(i + 2500);
        }
        assertThat(a.estimate()).isCloseTo(5000, within(750.0));
        a.merge(b);
        assertThat(a.estimate()).isCloseTo(7500, within(1100.0));
        assertThat(DistinctCount.fromBytes(a.toBytes()).estimate()).isEqualTo(a.estimate());
        assertThat(a.toBytes()).hasSize(130);
    }

    @Test
    void quantileSketchGivesRobustZ() {
        QuantileSketch q = new QuantileSketch();
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            q.update(10_000 + random.nextGaussian() * 1000);
        }
        assertThat(q.median()).isCloseTo(10_000, within(600.0));
        assertThat(q.robustZ(10_000)).isCloseTo(0, within(0.7));
        assertThat(q.robustZ(30_000)).isGreaterThan(12);
        QuantileSketch copy = QuantileSketch.fromBytes(q.toBytes());
        assertThat(copy.count()).isEqualTo(1000);
        assertThat(copy.median()).isEqualTo(q.median());
    }

    @Test
    void quantileSketchBuffersItsFirstValuesWithoutChangingAnyAnswer() {
        Random random = new Random(5);
        for (int n : new int[] {0, 1, 3, QuantileSketch.BUFFERED, QuantileSketch.BUFFERED + 1, 200}) {
            QuantileSketch lazy = new QuantileSketch();
            QuantileSketch other = new QuantileSketch();
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = Math.exp(random.nextGaussian() * 2 + 9);
                lazy.update(values[i]);
                other.update(values[i] / 3);
            }
            // a sketch that went through bytes holds a materialised DDSketch: the reference answers
            QuantileSketch direct = QuantileSketch.fromBytes(lazy.toBytes());
            assertThat(lazy.count()).isEqualTo(n);
            assertThat(direct.count()).isEqualTo(n);
            for (double q : new double[] {0, 0.25, 0.5, 0.75, 0.95, 1}) {
                assertThat(lazy.quantile(q)).as("n=%d q=%s", n, q).isEqualTo(direct.quantile(q));
            }
            assertThat(lazy.robustZ(50_000)).isEqualTo(direct.robustZ(50_000));
            if (n > 0) {
                assertThat(lazy.quantile(1)).isCloseTo(Arrays.stream(values).max().orElseThrow(),
                        within(0.05 * Arrays.stream(values).max().orElseThrow()));
            }
            QuantileSketch mergedLazy = lazy.copy();
            mergedLazy.merge(other);
            direct.merge(QuantileSketch.fromBytes(other.toBytes()));
            assertThat(mergedLazy.toBytes()).isEqualTo(direct.toBytes());
            assertThat(mergedLazy.median()).isEqualTo(direct.median());
        }
    }

    @Test
    void topKFindsHeavyHittersAndMerges() {
        TopK top = new TopK(8);
        Random random = new Random(2);
        for (int i = 0; i < 10_000; i++) {
            top.update(i % 2 == 0 ? 1 + random.nextInt(3) : 100 + random.nextInt(10_000));
        }
        assertThat(top.topShare(3)).isBetween(0.35, 0.5);
        TopK other = TopK.fromBytes(top.toBytes());
        assertThat(other.topShare(3)).isEqualTo(top.topShare(3));
        top.merge(other);
        assertThat(top.total()).isEqualTo(20_000);
        assertThat(top.keys()).hasSize(8);
        assertThat(top.keys()[0]).isBetween(1L, 3L);
    }

    @Test
    void decayedCounterHalvesPerHalfLifeAndGivesRates() {
        DecayedCounter c = new DecayedCounter(3_600_000);
        c.update(100, 0);
        assertThat(c.estimate(3_600_000)).isCloseTo(50, within(0.01));
        DecayedCounter steady = new DecayedCounter(3_600_000);
        for (long t = 0; t < 20 * 3_600_000L; t += 60_000) {
            steady.update(10, t);
        }
        assertThat(steady.ratePerHour(20 * 3_600_000L)).isCloseTo(600, within(10.0));
        DecayedCounter copy = DecayedCounter.fromBytes(c.toBytes(), 3_600_000);
        assertThat(copy.estimate(3_600_000)).isCloseTo(50, within(0.01));
    }

    @Test
    void timingSketchesSeparateMachinesFromPeople() {
        GapStats machine = new GapStats();
        GapStats people = new GapStats();
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            machine.update(10_000 + random.nextInt(200));
            people.update(-Math.log(1 - random.nextDouble()) * 30_000);
        }
        assertThat(machine.coefficientOfVariation()).isLessThan(0.05);
        assertThat(people.coefficientOfVariation()).isBetween(0.8, 1.2);
        GapStats merged = GapStats.fromBytes(machine.toBytes());
        merged.merge(machine);
        assertThat(merged.count()).isEqualTo(1000);
        assertThat(merged.coefficientOfVariation()).isCloseTo(machine.coefficientOfVariation(), within(0.01));

        HourOfDayHistogram flat = new HourOfDayHistogram();
        for (long t = 0; t < 86_400_000L; t += 600_000) {
            flat.update(t);
        }
        assertThat(flat.normalisedEntropy()).isCloseTo(1.0, within(1e-9));
        assertThat(HourOfDayHistogram.fromBytes(flat.toBytes()).total()).isEqualTo(144);

        ActivitySlots a = new ActivitySlots(300_000);
        ActivitySlots b = new ActivitySlots(300_000);
        for (long t = 0; t < 3_600_000L; t += 120_000) {
            a.update(t);
            b.update(t + 1_000);
        }
        assertThat(a.jaccard(b)).isEqualTo(1.0);
        b.update(10 * 3_600_000L);
        assertThat(a.jaccard(b)).isZero();
        assertThat(ActivitySlots.fromBytes(a.toBytes(), 300_000).activeSlots()).isEqualTo(12);
    }

    @Test
    void nearDuplicatesCountsSmallHammingDistances() {
        NearDuplicates n = new NearDuplicates();
        assertThat(n.update(0xFFFF_0000_FFFF_0000L)).isFalse();
        assertThat(n.update(0xFFFF_0000_FFFF_0007L)).isTrue();
        assertThat(n.update(0x0F0F_0F0F_0F0F_0F0FL)).isFalse();
        assertThat(n.rate()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(NearDuplicates.fromBytes(n.toBytes()).rate()).isEqualTo(n.rate());
    }
}
