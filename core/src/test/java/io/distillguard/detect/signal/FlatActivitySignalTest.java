package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlatActivitySignalTest {
    private final FlatActivitySignal signal = new FlatActivitySignal();

    @Test
    void aroundTheClockIsFlatAndOfficeHoursAreNot() {
        SignalFixture f = new SignalFixture();
        for (int i = 0; i < 72 * 12; i++) {
            long t = T0 + i * 300_000L;
            f.add(event("pipeline", t).build());
            long hourOfDay = (t / 3_600_000L) % 24;
            if (hourOfDay >= 9 && hourOfDay < 18) {
                f.add(event("office", t).build());
            }
        }
        SignalScore pipeline = signal.score(f.view("pipeline"));
        assertThat(pipeline.value()).isGreaterThan(0.99);
        assertThat(pipeline.score()).isEqualTo(1.0);
        SignalScore office = signal.score(f.view("office"));
        assertThat(office.value()).isBetween(0.6, 0.75);
        assertThat(office.score()).isZero();
    }
}
