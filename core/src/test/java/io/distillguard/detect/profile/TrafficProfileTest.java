package io.distillguard.detect.profile;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.TIER1;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.ContentFlag;
import io.distillguard.event.RequestParams;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrafficProfileTest {

    /** A long-lived, busy account: a week, every feature varied, all sketches populated. */
    private static TrafficProfile busy(long seed) {
        TrafficProfile p = new TrafficProfile();
        Random random = new Random(seed);
        long t = T0;
        for (int i = 0; i < 20_000; i++) {
            t += random.nextInt(60_000);
            RequestParams params = new RequestParams(1 + random.nextInt(2), random.nextInt(20) * 0.1, null,
                    random.nextBoolean() ? 16_384 : 512, random.nextBoolean(), random.nextInt(8), random.nextInt(3), 0,
                    null, true, null, null);
            p.update(event("busy", t).params(params).model("model-" + random.nextInt(6))
                    .templateHash(random.nextInt(500)).flags(random.nextInt(32)).userTurns(1 + random.nextInt(3))
                    .tokens(random.nextInt(4000), random.nextInt(4000)).build(), TIER1, 16_384);
        }
        return p;
    }

    @Test
    void aBusyProfileStaysUnderFourKilobytesAndRoundTrips() {
        TrafficProfile p = busy(1);
        byte[] bytes = p.toBytes();
        System.out.printf("serialised traffic profile of a busy account: %d bytes%n", bytes.length);
        assertThat(bytes.length).isLessThanOrEqualTo(4096);
        TrafficProfile copy = TrafficProfile.fromBytes(bytes);
        assertThat(copy.toBytes()).isEqualTo(bytes);
        assertThat(copy.requests()).isEqualTo(20_000);
        assertThat(copy.flagCount(ContentFlag.RUBRIC_GRADING)).isEqualTo(p.flagCount(ContentFlag.RUBRIC_GRADING));
        assertThat(copy.activeHourTokens().median()).isEqualTo(p.activeHourTokens().median());
        assertThat(copy.distinctTemperatures()).isEqualTo(20);
        assertThat(copy.models().recentTokens(copy.lastSeenMs())).hasSize(4);
    }

    @Test
    void mergingProfilesAddsTheirTraffic() {
        TrafficProfile a = busy(2);
        TrafficProfile b = busy(3);
        TrafficProfile merged = a.copy();
        merged.merge(b);
        assertThat(merged.requests()).isEqualTo(a.requests() + b.requests());
        assertThat(merged.totalTokens()).isEqualTo(a.totalTokens() + b.totalTokens());
        assertThat(merged.flagCount(ContentFlag.CODE)).isEqualTo(a.flagCount(ContentFlag.CODE) + b.flagCount(ContentFlag.CODE));
        assertThat(merged.distinctTemplates()).isBetween(400.0, 600.0);
        assertThat(merged.gaps().count()).isEqualTo(a.gaps().count() + b.gaps().count());
        assertThat(merged.activeHourTokens().count())
                .isEqualTo(a.activeHourTokens().count() + b.activeHourTokens().count());
        assertThat(merged.toBytes().length).isLessThanOrEqualTo(4096);
    }

    @Test
    void aCopyIsTheRestoredStateAndMergesAlike() {
        TrafficProfile a = busy(4);
        TrafficProfile young = new TrafficProfile();
        young.update(event("young", T0).tokens(100, 200).build(), TIER1, 16_384);
        TrafficProfile other = busy(5);
        for (TrafficProfile p : new TrafficProfile[] {a, young}) {
            TrafficProfile copy = p.copy();
            TrafficProfile restored = TrafficProfile.fromBytes(p.toBytes());
            assertThat(copy.toBytes()).isEqualTo(restored.toBytes());
            copy.merge(other);
            restored.merge(other);
            assertThat(copy.toBytes()).isEqualTo(restored.toBytes());
            long at = copy.lastSeenMs() + 3_600_000L;
            assertThat(copy.tokensPerHour(at)).isEqualTo(restored.tokensPerHour(at));
            assertThat(copy.activeHourTokens().quantile(0.9)).isEqualTo(restored.activeHourTokens().quantile(0.9));
            assertThat(copy.topTemplates().topShare(3)).isEqualTo(restored.topTemplates().topShare(3));
            assertThat(copy.coverageGrowth()).isEqualTo(restored.coverageGrowth());
        }
    }
}
