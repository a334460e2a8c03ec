package io.distillguard.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI's header and 429 body formats. */
class RateLimitHeadersTest {

    @Test
    void durationsAreFormattedLikeOpenAi() {
        assertThat(OpenAiDurations.format(0)).isEqualTo("0s");
        assertThat(OpenAiDurations.format(20)).isEqualTo("20ms");
        assertThat(OpenAiDurations.format(644)).isEqualTo("644ms");
        assertThat(OpenAiDurations.format(1_000)).isEqualTo("1s");
        assertThat(OpenAiDurations.format(9_816)).isEqualTo("9.816s");
        assertThat(OpenAiDurations.format(18_640)).isEqualTo("18.64s");
        assertThat(OpenAiDurations.format(2_500)).isEqualTo("2.5s");
        assertThat(OpenAiDurations.format(2_050)).isEqualTo("2.05s");
        assertThat(OpenAiDurations.format(2_001)).isEqualTo("2.001s");
        assertThat(OpenAiDurations.format(2_010)).isEqualTo("2.01s");
        assertThat(OpenAiDurations.format(61_007)).isEqualTo("1m1.007s");
        assertThat(OpenAiDurations.format(20_000)).isEqualTo("20s");
        assertThat(OpenAiDurations.format(360_000)).isEqualTo("6m0s");
        assertThat(OpenAiDurations.format(3_723_000)).isEqualTo("1h2m3s");
        assertThat(OpenAiDurations.format(3_600_000)).isEqualTo("1h0m0s");
        assertThat(OpenAiDurations.format(Duration.ofDays(1).toMillis())).isEqualTo("24h0m0s");
    }

    @Test
    void headersShowTheMostConstrainingRequestAndTokenLimits() {
        RateLimitStatus status = new RateLimitStatus(List.of(
                LimitState.of(ScopeKind.KEY, LimitSpec.requestsPerMinute(5_000), 4_999),
                LimitState.of(ScopeKind.KEY, LimitSpec.outputTokensPerMinute(160_000), 159_976),
                LimitState.of(ScopeKind.ENTITY, LimitSpec.requestsPerMinute(60), 50),
                LimitState.of(ScopeKind.ENTITY, LimitSpec.outputTokensPerDay(1_000_000), 500_000)));
        assertThat(RateLimitHeaders.of(status)).containsExactly(
                entry("x-ratelimit-limit-requests", "60"),
                entry("x-ratelimit-limit-tokens", "1000000"),
                entry("x-ratelimit-remaining-requests", "50"),
                entry("x-ratelimit-remaining-tokens", "500000"),
                entry("x-ratelimit-reset-requests", "10s"),
                entry("x-ratelimit-reset-tokens", "12h0m0s"));
        assertThat(RateLimitHeaders.of(status.without(ScopeKind.ENTITY)))
                .containsEntry("x-ratelimit-limit-requests", "5000")
                .containsEntry("x-ratelimit-remaining-tokens", "159976")
                .containsEntry("x-ratelimit-reset-tokens", "9ms");
    }

    @Test
    void debtShowsAsNothingRemaining() {
        RateLimitStatus status = new RateLimitStatus(List.of(
                LimitState.of(ScopeKind.ORG, LimitSpec.inputTokensPerMinute(30_000), -3_000)));
        assertThat(RateLimitHeaders.of(status))
                .containsEntry("x-ratelimit-remaining-tokens", "0")
                .containsEntry("x-ratelimit-reset-tokens", "1m6s")
                .doesNotContainKey("x-ratelimit-limit-requests");
    }

    @Test
    void a429BodyReadsLikeOpenAis() throws Exception {
        LimitSpec tpm = LimitSpec.outputTokensPerMinute(30_000);
        RateLimitStatus status = new RateLimitStatus(List.of(LimitState.of(ScopeKind.ORG, tpm, 63)));
        Admission.Rejected rejected = new Admission.Rejected(ScopeKind.ORG, Dimension.OUTPUT_TOKENS, tpm, 644,
                29_937, 385, status);
        RateLimitErrors errors = new RateLimitErrors("https://platform.openai.com/account/rate-limits");

        JsonNode error = new ObjectMapper().readTree(errors.body(rejected, "gpt-4o", "org-abc")).get("error");
        assertThat(error.get("message").asText()).isEqualTo("Rate limit reached for gpt-4o in organization org-abc on "
                + "output tokens per min (OTPM): Limit 30000, Used 29937, Requested 385. Please try again in 644ms. "
                + "Visit https://platform.openai.com/account/rate-limits to learn more.");
        assertThat(error.get("type").asText()).isEqualTo("tokens");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(RateLimitHeaders.of(rejected))
                .containsEntry("retry-after", "1")
                .containsEntry("retry-after-ms", "644")
                .containsEntry("x-ratelimit-remaining-tokens", "63");
    }

    @Test
    void aTooLargeRequestSaysSoAndOffersNoRetry() {
        LimitSpec tpm = LimitSpec.inputTokensPerMinute(30_000);
        Admission.Rejected rejected = new Admission.Rejected(ScopeKind.ORG, Dimension.INPUT_TOKENS, tpm,
                Admission.Rejected.NEVER, 0, 36_055,
                new RateLimitStatus(List.of(LimitState.of(ScopeKind.ORG, tpm, 30_000))));
        assertThat(new RateLimitErrors(null).message(rejected, "gpt-5", "org-123")).isEqualTo(
                "Request too large for gpt-5 in organization org-123 on input tokens per min (ITPM): Limit 30000, "
                        + "Requested 36055. The input or output tokens must be reduced in order to run successfully.");
        assertThat(RateLimitHeaders.of(rejected)).doesNotContainKeys("retry-after", "retry-after-ms");
    }

    @Test
    void limitsAreNamedByDimensionAndPeriod() {
        assertThat(RateLimitErrors.describe(LimitSpec.requestsPerMinute(3))).isEqualTo("requests per min (RPM)");
        assertThat(RateLimitErrors.describe(LimitSpec.requestsPerDay(200))).isEqualTo("requests per day (RPD)");
        assertThat(RateLimitErrors.describe(LimitSpec.outputTokensPerDay(9))).isEqualTo("output tokens per day (OTPD)");
        assertThat(RateLimitErrors.describe(new LimitSpec(Dimension.INPUT_TOKENS, 9, Duration.ofMinutes(5))))
                .isEqualTo("input tokens per 5m0s");
    }
}
