package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptSweepSignalTest {
    private final PromptSweepSignal signal = new PromptSweepSignal();

    @Test
    void distinctItemsThroughFewTemplatesSingleTurnIsASweep() {
        SignalFixture f = new SignalFixture();
        for (int i = 0; i < 600; i++) {
            // explicit item hashes: the distinct-count estimate (7% standard error at precision 7) must not depend on
            // how many test events other tests built before this one (TestEvents numbers them globally)
            f.add(event("sweep", T0 + i * 1000L).templateHash(7 + i % 4).simHash((i + 1) * 0x9E3779B97F4A7C15L).build());
            f.add(event("chat", T0 + i * 1000L).userTurns(3).build());
            f.add(event("reruns", T0 + i * 1000L).templateHash(9).simHash(1 + i % 5).build());
        }
        SignalScore sweep = signal.score(f.view("sweep"));
        assertThat(sweep.score()).isGreaterThan(0.9);
        assertThat(sweep.explanation()).contains("600 prompts").contains("100% single-turn");
        assertThat(signal.score(f.view("chat")).score()).isZero();
        SignalScore reruns = signal.score(f.view("reruns"));
        assertThat(reruns.score()).as("the same 5 prompts repeated: no coverage growth").isZero();
    }
}
