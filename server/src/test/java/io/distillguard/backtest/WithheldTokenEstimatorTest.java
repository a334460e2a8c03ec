package io.distillguard.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.Endpoint;
import io.distillguard.event.PromptFeatures;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Refused-live requests get the account's own output per choice (capped at max_tokens x n) or max_tokens x n. */
class WithheldTokenEstimatorTest {
    private final AtomicInteger ids = new AtomicInteger();

    private UsageEvent event(String account, int n, Integer maxTokens, int status, long outputTokens) {
        RequestParams params = new RequestParams(n, null, null, maxTokens, false, 0, 0, 0, null, false, null, null);
        return new UsageEvent("req_" + ids.incrementAndGet(), 1_000L * ids.get(), "org_1", account, "key_1",
                "ent_" + account, "10.0.0.1", null, "test", "sim-small", Endpoint.CHAT_COMPLETIONS, params,
                PromptFeatures.EMPTY, 12, outputTokens, status, status == 200 ? null : "verification_required", 5, -1,
                status == 200 ? UsageSource.UPSTREAM : UsageSource.NONE, null, null);
    }

    private WithheldTokenEstimator.Withheld replay(WithheldTokenEstimator est, UsageEvent e) {
        WithheldTokenEstimator.Withheld w = est.withheld(e);
        est.observe(e);
        return w;
    }

    @Test
    void servedRequestsCountTheirRecordedOutput() {
        WithheldTokenEstimator est = new WithheldTokenEstimator();
        assertThat(replay(est, event("acct_a", 1, 100, 200, 37)))
                .isEqualTo(new WithheldTokenEstimator.Withheld(37, false, false));
    }

    @Test
    void refusedLiveRequestsAreEstimatedFromTheAccountsOwnHistory() {
        WithheldTokenEstimator est = new WithheldTokenEstimator();
        replay(est, event("acct_a", 1, 100, 200, 30));
        replay(est, event("acct_a", 1, 100, 200, 50));
        replay(est, event("acct_a", 2, 100, 200, 80)); // 160 tokens over 4 choices: 40 per choice
        replay(est, event("acct_b", 1, 1000, 200, 900)); // another account's history does not leak
        assertThat(replay(est, event("acct_a", 1, 100, 403, 0)))
                .isEqualTo(new WithheldTokenEstimator.Withheld(40, true, false));
        assertThat(replay(est, event("acct_a", 3, 100, 403, 0)).tokens()).isEqualTo(120);
        assertThat(replay(est, event("acct_a", 2, 30, 403, 0)).tokens()).as("capped at max_tokens x n").isEqualTo(60);
        // refused requests teach nothing: the mean stays 40 per choice
        assertThat(replay(est, event("acct_a", 1, null, 429, 0)).tokens()).isEqualTo(40);
    }

    @Test
    void withoutHistoryMaxTokensIsTheBoundAndWithoutEitherItIsUnestimated() {
        WithheldTokenEstimator est = new WithheldTokenEstimator();
        assertThat(replay(est, event("acct_new", 2, 25, 403, 0)))
                .isEqualTo(new WithheldTokenEstimator.Withheld(50, true, false));
        assertThat(replay(est, event("acct_new", 1, null, 403, 0)))
                .isEqualTo(new WithheldTokenEstimator.Withheld(0, false, true));
    }
}
