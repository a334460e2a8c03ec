package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleasePivotSignalTest {
    private final ReleasePivotSignal signal = new ReleasePivotSignal();

    @Test
    void movingMostTrafficToANewModelWithinADayIsAPivot() {
        SignalFixture f = new SignalFixture();
        long release = T0 + 2 * 86_400_000L;
        List<UsageEvent> events = new ArrayList<>();
        for (long t = T0; t < release + 16 * 3_600_000L; t += 60_000) {
            boolean after = t >= release;
            events.add(event("pivoter", t).model(after && (t / 60_000) % 5 != 0 ? "model-b" : "model-a").build());
            events.add(event("steady", t).model("model-a").build());
            if (after && (t / 60_000) % 10 == 0) {
                events.add(event("early-adopter", t).model("model-b").build());
            }
        }
        f.addAll(events);
        SignalScore pivot = signal.score(f.view("pivoter"));
        assertThat(pivot.value()).isGreaterThan(0.6);
        assertThat(pivot.score()).isEqualTo(1.0);
        assertThat(pivot.explanation()).contains("model-b");
        assertThat(signal.score(f.view("steady")).score()).isZero();
        assertThat(signal.score(f.view("early-adopter")).score()).as("no traffic before the release").isZero();
    }
}
