package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TierRidingSignalTest {
    private final TierRidingSignal signal = new TierRidingSignal();

    @Test
    void sustainedUseJustUnderTheOutputCapIsRiding() {
        SignalFixture f = new SignalFixture();
        // tier-1: 50k output tokens per minute; the rider sends 40 x 1,100 = 44k per minute (88%) for an hour
        for (int minute = 0; minute < 60; minute++) {
            for (int r = 0; r < 40; r++) {
                f.add(event("rider", T0 + minute * 60_000L + r * 1_400L).tokens(300, 1100).build());
            }
            f.add(event("casual", T0 + minute * 60_000L).tokens(300, 1100).build());
        }
        SignalScore rider = signal.score(f.view("rider"));
        assertThat(rider.value()).isGreaterThan(0.9);
        assertThat(rider.score()).isGreaterThan(0.9);
        SignalScore casual = signal.score(f.view("casual"));
        assertThat(casual.value()).isZero();
        assertThat(casual.score()).isZero();
    }

    @Test
    void crossingTheCapAndGettingThrottledIsNotRiding() {
        SignalFixture f = new SignalFixture();
        for (int minute = 0; minute < 60; minute++) {
            for (int r = 0; r < 40; r++) {
                int status = r >= 36 ? 429 : 200;
                f.add(event("bursty", T0 + minute * 60_000L + r * 1_400L).tokens(300, 1100).status(status).build());
            }
        }
        assertThat(signal.score(f.view("bursty")).score()).isLessThan(0.1);
    }
}
