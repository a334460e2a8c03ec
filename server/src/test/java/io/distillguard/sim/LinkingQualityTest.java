package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.distillguard.sim.report.LinkingQuality;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adjusted Rand index and purity against hand-computed values. */
class LinkingQualityTest {
    @Test
    void identicalPartitionsScoreOne() {
        var q = LinkingQuality.of(List.of("a", "a", "b", "c"), List.of("x", "x", "y", "z"));
        assertThat(q.adjustedRandIndex()).isEqualTo(1.0);
        assertThat(q.purity()).isEqualTo(1.0);
    }

    @Test
    void mergingEverythingScoresZeroAndSplittingLowersIt() {
        var merged = LinkingQuality.of(List.of("a", "a", "b", "b"), List.of("e", "e", "e", "e"));
        assertThat(merged.adjustedRandIndex()).isCloseTo(0.0, within(1e-12));
        assertThat(merged.purity()).isEqualTo(0.5);
        // truth {1,2,3}{4,5,6}; predicted {1,2}{3,4}{5,6}: index 2, a 6, b 3, expected 6*3/15 = 1.2, max 4.5
        var split = LinkingQuality.of(List.of("a", "a", "a", "b", "b", "b"), List.of("x", "x", "y", "y", "z", "z"));
        assertThat(split.adjustedRandIndex()).isCloseTo((2 - 1.2) / (4.5 - 1.2), within(1e-12));
        assertThat(split.purity()).isCloseTo(5 / 6.0, within(1e-12));
    }
}
