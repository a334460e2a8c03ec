package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FleetSignalTest {
    private final FleetSignal signal = new FleetSignal();

    @Test
    void evenlyLoadedLightAccountsThatAreHeavyTogetherAreAFleet() {
        SignalFixture f = new SignalFixture();
        Random random = new Random(4);
        f.peers(60, 3, random);
        long start = T0 + 3 * 86_400_000L;
        for (int i = 0; i < 120; i++) {
            for (int a = 0; a < 20; a++) {
                f.add(event("hydra" + a, start + i * 360_000L + a * 100L).tokens(400, 800).build());
            }
            for (int a = 0; a < 20; a++) {
                if (i == a || random.nextInt(20) <= (a % 5) * (a % 5)) {
                    f.add(event("staff" + a, start + i * 360_000L + a * 100L).tokens(400, 800).build());
                }
            }
        }
        SignalScore hydra = signal.score(f.view(IntStream.range(0, 20).mapToObj(a -> "hydra" + a).toArray(String[]::new)));
        assertThat(hydra.value()).as("times a heavy account").isGreaterThan(6);
        assertThat(hydra.score()).isGreaterThan(0.9);
        assertThat(hydra.explanation()).contains("20 accounts, 100% light");
        SignalScore staff = signal.score(f.view(IntStream.range(0, 20).mapToObj(a -> "staff" + a).toArray(String[]::new)));
        assertThat(staff.score()).as("uneven usage of people").isLessThan(0.3);
    }

    @Test
    void aSingleAccountIsNoFleet() {
        SignalFixture f = new SignalFixture();
        f.peers(60, 3, new Random(5));
        assertThat(signal.score(f.view("peer1")).score()).isZero();
    }
}
