package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.ContentFlag;
import org.junit.jupiter.api.Test;

class ContentSignalTest {
    private final ContentSignal signal = new ContentSignal();

    @Test
    void reasoningElicitationAboveThePopulationScoresHigh() {
        SignalFixture f = new SignalFixture();
        for (int i = 0; i < 400; i++) {
            f.add(event("person" + (i % 20), T0 + i * 1000L).flags(i % 25 == 0 ? ContentFlag.REASONING_ELICITATION.bit() : 0).build());
        }
        for (int i = 0; i < 100; i++) {
            f.add(event("cot", T0 + 500_000 + i * 1000L).flags(ContentFlag.of(ContentFlag.REASONING_ELICITATION, ContentFlag.CODE)).build());
        }
        SignalScore s = signal.score(f.view("cot"));
        assertThat(s.score()).isEqualTo(1.0);
        assertThat(s.value()).isEqualTo(1.0);
        assertThat(s.baseline()).isBetween(0.2, 0.25);
        assertThat(s.explanation()).contains("100% of 100 prompts are reasoning-trace elicitation");
    }

    @Test
    void occasionalFlagsAndCodeOnlyScoreZero() {
        SignalFixture f = new SignalFixture();
        for (int i = 0; i < 200; i++) {
            int flags = ContentFlag.CODE.bit() | (i % 20 == 0 ? ContentFlag.RUBRIC_GRADING.bit() : 0);
            f.add(event("dev", T0 + i * 1000L).flags(flags).build());
        }
        SignalScore s = signal.score(f.view("dev"));
        assertThat(s.score()).isZero();
        assertThat(s.value()).isEqualTo(0.05);
    }

    @Test
    void tooFewPromptsSayNothing() {
        SignalFixture f = new SignalFixture();
        f.add(event("new", T0).flags(ContentFlag.BENCHMARK_ITEM.bit()).build());
        assertThat(signal.score(f.view("new")).score()).isZero();
    }
}
