package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NearDuplicateSignalTest {
    private final NearDuplicateSignal signal = new NearDuplicateSignal();

    @Test
    void slotVariationsOfOnePromptAreNearDuplicates() {
        SignalFixture f = new SignalFixture();
        Random random = new Random(1);
        long base = random.nextLong();
        for (int i = 0; i < 200; i++) {
            long varied = base ^ (1L << random.nextInt(64));
            f.add(event("prober", T0 + i * 1000L).simHash(varied).build());
            f.add(event("person", T0 + i * 1000L).simHash(random.nextLong()).build());
        }
        SignalScore prober = signal.score(f.view("prober"));
        assertThat(prober.value()).isGreaterThan(0.95);
        assertThat(prober.score()).isEqualTo(1.0);
        SignalScore person = signal.score(f.view("person"));
        assertThat(person.value()).isLessThan(0.02);
        assertThat(person.score()).isZero();
    }
}
