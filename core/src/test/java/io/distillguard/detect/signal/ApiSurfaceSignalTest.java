package io.distillguard.detect.signal;

import static io.distillguard.detect.TestEvents.T0;
import static io.distillguard.detect.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.RequestParams;
import org.junit.jupiter.api.Test;

class ApiSurfaceSignalTest {
    private final ApiSurfaceSignal signal = new ApiSurfaceSignal();

    private static RequestParams params(int n, double temperature, int maxTokens, boolean logprobs, int top, int bias) {
        return new RequestParams(n, temperature, null, maxTokens, logprobs, top, bias, 0, null, false, null, null);
    }

    @Test
    void logitBiasWithLogprobsIsTheProjectionAttack() {
        SignalFixture f = new SignalFixture();
        for (int i = 0; i < 100; i++) {
            f.add(event("carlini", T0 + i * 1000L).params(params(1, 0, 1, true, 5, 300)).build());
        }
        SignalScore s = signal.score(f.view("carlini"));
        assertThat(s.score()).isEqualTo(1.0);
        assertThat(s.explanation()).contains("100 requests with logit_bias and logprobs");
    }

    @Test
    void temperatureSweepsAndNSamplingScoreButOrdinaryUseDoesNot() {
        SignalFixture f = new SignalFixture();
        for (int i = 0; i < 100; i++) {
            f.add(event("sweeper", T0 + i * 1000L).params(params(4, (i % 12) * 0.1, 16_384, false, 0, 0)).build());
            f.add(event("app", T0 + i * 1000L).params(params(1, 0.7, 1024, false, 0, 0)).build());
        }
        SignalScore sweeper = signal.score(f.view("sweeper"));
        assertThat(sweeper.score()).isGreaterThan(0.75);
        assertThat(sweeper.explanation()).contains("12 distinct temperatures").contains("100% ask n > 1");
        SignalScore app = signal.score(f.view("app"));
        assertThat(app.score()).isZero();
        assertThat(app.explanation()).startsWith("ordinary parameters");
    }

    @Test
    void theProjectionAttackFromANewAccountIsExtractionIntentAndAnEstablishedClassifierHalfOfIt() {
        SignalFixture f = new SignalFixture();
        f.account(RealPromptTraffic.account("carlini", 2));
        f.account(RealPromptTraffic.account("classifier", 400));
        f.account(RealPromptTraffic.account("reader", 2));
        for (int i = 0; i < 100; i++) {
            f.add(event("carlini", T0 + i * 30_000L).params(params(1, 0, 1, true, 20, 50)).build());
            f.add(event("classifier", T0 + i * 30_000L).params(params(1, 0, 1, true, 5, 4)).build());
            f.add(event("reader", T0 + i * 30_000L).params(params(1, 0, 256, true, 20, 0)).build());
        }
        LogitExtractionSignal extraction = new LogitExtractionSignal();
        SignalScore attack = extraction.score(f.view("carlini"));
        assertThat(attack.score()).isEqualTo(1.0);
        assertThat(attack.explanation()).contains("account carlini (2 days old): 100 of 100 requests");
        assertThat(extraction.score(f.view("classifier")).score()).isEqualTo(0.5);
        assertThat(extraction.score(f.view("reader")).score()).as("top_logprobs without logit_bias").isZero();
        double[] weights = {signal.defaultWeight(), extraction.defaultWeight()};
        assertThat(io.distillguard.detect.risk.RiskModel.risk(weights, new SignalScore[] {
                signal.score(f.view("carlini")), attack})).isGreaterThanOrEqualTo(0.75);
        assertThat(io.distillguard.detect.risk.RiskModel.risk(weights, new SignalScore[] {
                signal.score(f.view("classifier")), extraction.score(f.view("classifier"))})).isLessThan(0.75);
    }
}
