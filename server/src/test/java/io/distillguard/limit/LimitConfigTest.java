package io.distillguard.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config records reject what the buckets could not enforce, when the config is built rather than on a request. */
class LimitConfigTest {

    @Test
    void limitsMustBeEnforceable() {
        assertThatIllegalArgumentException().isThrownBy(() -> LimitSpec.requestsPerMinute(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new LimitSpec(Dimension.REQUESTS, 5, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> LimitSpec.inputTokensPerMinute(60_000_000_001L));
        assertThat(LimitSpec.inputTokensPerMinute(60_000_000_000L).capacity()).isEqualTo(60_000_000_000L);
    }

    @Test
    void aScopeHasOneLimitPerDimensionAndPeriod() {
        assertThatIllegalArgumentException().isThrownBy(() -> Scope.of(ScopeKind.KEY, "k",
                LimitSpec.requestsPerMinute(3), LimitSpec.requestsPerMinute(5)));
        assertThatIllegalArgumentException().isThrownBy(() -> Scope.of(ScopeKind.KEY, "", LimitSpec.requestsPerDay(3)));
        assertThat(Scope.of(ScopeKind.KEY, "k", LimitSpec.requestsPerMinute(3), LimitSpec.requestsPerDay(200)).limits())
                .hasSize(2);
    }

    @Test
    void aCompletionReservesMaxTokensPerChoiceOrTheCeiling() {
        assertThat(Demand.forCompletion(120, 256, 3, 4_096)).isEqualTo(new Demand(1, 120, 768));
        assertThat(Demand.forCompletion(120, null, 0, 4_096)).isEqualTo(new Demand(1, 120, 4_096));
        assertThatIllegalArgumentException().isThrownBy(() -> new ActualUsage(-1, 0));
        assertThat(List.of(Dimension.values())).filteredOn(Dimension::isTokens)
                .containsExactly(Dimension.INPUT_TOKENS, Dimension.OUTPUT_TOKENS);
    }
}
