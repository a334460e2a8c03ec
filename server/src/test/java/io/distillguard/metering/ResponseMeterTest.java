package io.distillguard.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.Endpoint;
import io.distillguard.event.UsageSource;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ResponseMeterTest {
    private final TokenCounter counter = new TokenCounter();

    @Test
    void takesUsageFromAWholeBody() {
        ResponseMeter m = new ResponseMeter(Endpoint.CHAT_COMPLETIONS);
        m.onBody(new JsonObject("""
                {"choices":[{"message":{"content":"Hello there"}}],"usage":{"prompt_tokens":12,"completion_tokens":3}}"""));
        MeteredUsage u = m.settle(counter, 999);
        assertThat(u).isEqualTo(new MeteredUsage(12, 3, UsageSource.UPSTREAM));
        assertThat(m.text()).isEqualTo("Hello there");
    }

    @Test
    void countsUsageOnceFromTheStreamsUsageChunk() {
        ResponseMeter m = new ResponseMeter(Endpoint.CHAT_COMPLETIONS);
        assertThat(m.onEvent(null, new JsonObject("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}],\"usage\":null}")))
                .isFalse();
        assertThat(m.onEvent(null, new JsonObject("{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}"))).isTrue();
        assertThat(m.onEvent(null, new JsonObject("{\"choices\":[{\"delta\":{\"content\":\" you\"}}]}"))).isFalse();
        m.onEvent(null, new JsonObject("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}"));
        assertThat(m.settle(counter, 0)).isEqualTo(new MeteredUsage(5, 2, UsageSource.UPSTREAM));
        assertThat(m.text()).isEqualTo("Hi you");
    }

    @Test
    void fallsBackToTheTokenizerWhenTheUpstreamReportsNothing() {
        ResponseMeter m = new ResponseMeter(Endpoint.RESPONSES);
        m.onEvent("response.output_text.delta",
                new JsonObject("{\"type\":\"response.output_text.delta\",\"delta\":\"The quick brown fox\"}"));
        MeteredUsage u = m.settle(counter, 40);
        assertThat(u.source()).isEqualTo(UsageSource.TOKENIZER);
        assertThat(u.inputTokens()).isEqualTo(40);
        assertThat(u.outputTokens()).isEqualTo(counter.count("The quick brown fox"));
    }

    @Test
    void readsResponsesApiUsage() {
        ResponseMeter m = new ResponseMeter(Endpoint.RESPONSES);
        m.onEvent("response.completed", new JsonObject(
                "{\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":7,\"output_tokens\":9}}}"));
        assertThat(m.settle(counter, 0)).isEqualTo(new MeteredUsage(7, 9, UsageSource.UPSTREAM));
    }
}
