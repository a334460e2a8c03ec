package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateConcentrationSignalTest {
    private final TemplateConcentrationSignal signal = new TemplateConcentrationSignal();

    @Test
    void fewTemplatesScoreHighAndFreeTextScoresZero() {
        SignalFixture f = new SignalFixture();
        for (int i = 0; i < 200; i++) {
            f.add(event("script", T0 + i * 1000L).templateHash(100 + i % 3).build());
            f.add(event("person", T0 + i * 1000L).build());
        }
        SignalScore script = signal.score(f.view("script"));
        assertThat(script.value()).isEqualTo(1.0);
        assertThat(script.score()).isEqualTo(1.0);
        SignalScore person = signal.score(f.view("person"));
        assertThat(person.value()).isLessThan(0.05);
        assertThat(person.score()).isZero();
    }
}
