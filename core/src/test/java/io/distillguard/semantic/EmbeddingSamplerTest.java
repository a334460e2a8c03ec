package io.distillguard.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.time.VirtualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmbeddingSamplerTest {

    @Test
    void embedsFirstEventsOfEachAccountThenASampledShare() {
        VirtualClock clock = newClock();
        EmbeddingSampler sampler = new EmbeddingSampler(new SamplerConfig(5, 0.1, 1_000_000, 1 << 12, 7), clock);
        int first = 0, sampled = 0;
        for (int i = 0; i < 10_000; i++) {
            SampleDecision d = sampler.decide("acct_1", "req_" + i);
            if (i < 5) {
                assertThat(d).isEqualTo(SampleDecision.EMBED_FIRST);
            }
            first += d == SampleDecision.EMBED_FIRST ? 1 : 0;
            sampled += d == SampleDecision.EMBED_SAMPLED ? 1 : 0;
        }
        assertThat(first).isEqualTo(5);
        assertThat(sampled).isBetween(850, 1150);
        assertThat(sampler.decide("acct_2", "req_x")).isEqualTo(SampleDecision.EMBED_FIRST);
    }

    @Test
    void sameRequestIsSampledAlikeOnEveryNode() {
        SamplerConfig config = new SamplerConfig(0, 0.2, 1_000_000, 1 << 12, 42);
        EmbeddingSampler a = new EmbeddingSampler(config, newClock());
        EmbeddingSampler b = new EmbeddingSampler(config, newClock());
        for (int i = 0; i < 1000; i++) {
            assertThat(b.decide("other_" + i, "req_" + i)).isEqualTo(a.decide("acct", "req_" + i));
        }
    }

    @Test
    void globalBudgetCapsEmbeddingsPerSecond() {
        VirtualClock clock = newClock();
        EmbeddingSampler sampler = new EmbeddingSampler(new SamplerConfig(1000, 1.0, 10, 1 << 12, 1), clock);
        int embedded = 0;
        for (int i = 0; i < 100; i++) {
            embedded += sampler.decide("acct", "req_" + i).embed() ? 1 : 0;
        }
        assertThat(embedded).isEqualTo(10);
        assertThat(sampler.decide("acct", "req_more")).isEqualTo(SampleDecision.SKIP_OVER_BUDGET);
        clock.advance(1000);
        assertThat(sampler.decide("acct", "req_next").embed()).isTrue();
    }

    private static VirtualClock newClock() {
        return new VirtualClock(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }
}
