package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VolumeSignalTest {
    private final VolumeSignal signal = new VolumeSignal();

    @Test
    void velocityFarAboveTierPeersScoresAndPeerLikeUseDoesNot() {
        SignalFixture f = new SignalFixture();
        Random random = new Random(3);
        f.peers(60, 3, random);
        long start = T0 + 3 * 86_400_000L + 10 * 3_600_000L;
        for (int i = 0; i < 400; i++) {
            f.add(event("heavy", start + i * 9_000L).tokens(1500, 2500).build());
        }
        for (int i = 0; i < 8; i++) {
            f.add(event("normal", start + i * 60_000L).tokens(500, 900).build());
        }
        SignalScore heavy = signal.score(f.view("heavy"));
        assertThat(heavy.value()).isGreaterThan(500_000);
        assertThat(heavy.baseline()).isBetween(3_000.0, 30_000.0);
        assertThat(heavy.score()).isEqualTo(1.0);
        assertThat(heavy.explanation()).contains("robust z");
        assertThat(signal.score(f.view("normal")).score()).isZero();
    }

    @Test
    void withoutAnyBaselineItSaysSo() {
        SignalFixture f = new SignalFixture();
        f.add(event("first", T0).build());
        SignalScore s = signal.score(f.view("first"));
        assertThat(s.score()).isZero();
        assertThat(s.explanation()).contains("no peer or own history");
    }
}
