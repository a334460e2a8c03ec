package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SynchronySignalTest {
    private final SynchronySignal signal = new SynchronySignal();

    @Test
    void accountsThatStartAndStopTogetherAreSynchronised() {
        SignalFixture f = new SignalFixture();
        Random random = new Random(6);
        List<UsageEvent> events = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            // bots: on for 2 hours, off for 1, on again for 2, all together
            for (long t = 0; t < 5 * 3_600_000L; t += 120_000) {
                if (t < 2 * 3_600_000L || t >= 3 * 3_600_000L) {
                    events.add(event("bot" + a, T0 + t + a * 500L).build());
                }
            }
            // people: three short sessions at random times
            for (int s = 0; s < 3; s++) {
                long start = T0 + random.nextInt(5 * 60) * 60_000L;
                for (int r = 0; r < 5; r++) {
                    events.add(event("person" + a, start + r * 90_000L).build());
                }
            }
        }
        f.addAll(events);
        SignalScore bots = signal.score(f.view(IntStream.range(0, 10).mapToObj(a -> "bot" + a).toArray(String[]::new)));
        assertThat(bots.value()).isGreaterThan(0.95);
        assertThat(bots.score()).isEqualTo(1.0);
        SignalScore people = signal.score(f.view(IntStream.range(0, 10).mapToObj(a -> "person" + a).toArray(String[]::new)));
        assertThat(people.value()).isLessThan(0.3);
        assertThat(people.score()).isZero();
    }
}
