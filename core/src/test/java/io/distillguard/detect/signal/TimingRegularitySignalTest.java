package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TimingRegularitySignalTest {
    private final TimingRegularitySignal signal = new TimingRegularitySignal();

    @Test
    void timerDrivenAccountsAreRegularAndPeopleAreNot() {
        SignalFixture f = new SignalFixture();
        Random random = new Random(2);
        long bot = T0;
        long human = T0;
        for (int i = 0; i < 200; i++) {
            bot += 12_000 + random.nextInt(400);
            human += (long) (-Math.log(1 - random.nextDouble()) * 40_000);
            f.add(event("bot", bot).build());
            f.add(event("human", human).build());
        }
        SignalScore b = signal.score(f.view("bot"));
        assertThat(b.value()).isLessThan(0.05);
        assertThat(b.score()).isEqualTo(1.0);
        SignalScore h = signal.score(f.view("human"));
        assertThat(h.value()).isBetween(0.7, 1.4);
        assertThat(h.score()).isZero();
    }
}
