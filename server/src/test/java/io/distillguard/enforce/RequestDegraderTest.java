package io.distillguard.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.event.Endpoint;
import io.distillguard.metering.RequestReader;
import io.distillguard.policy.decision.DegradeSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Request rewriting per endpoint shape: what is stripped, capped, set, refused, and what it withholds. */
class RequestDegraderTest {

    private static DegradeOutcome apply(Endpoint e, JsonObject body, DegradeSpec spec) {
        return RequestDegrader.apply(e, body, RequestReader.params(e, body), spec);
    }

    @Test
    void chatLogprobsAreStrippedAndCapsCountWithheldTokens() {
        JsonObject body = new JsonObject().put("model", "m").put("logprobs", true).put("top_logprobs", 5)
                .put("n", 4).put("max_completion_tokens", 500);
        var out = apply(Endpoint.CHAT_COMPLETIONS, body, new DegradeSpec(true, false, 2, 100, false));
        assertThat(out).isEqualTo(new DegradeOutcome.Rewritten(true, true, 2, 400 * 2));
        assertThat(body.fieldNames()).doesNotContain("logprobs", "top_logprobs");
        assertThat(body.getInteger("n")).isEqualTo(2);
        assertThat(body.getInteger("max_completion_tokens")).isEqualTo(100);
    }

    @Test
    void legacyAndResponsesShapes() {
        JsonObject completions = new JsonObject().put("logprobs", 3).put("best_of", 5).put("n", 1);
        apply(Endpoint.COMPLETIONS, completions, new DegradeSpec(true, false, 1, null, false));
        assertThat(completions.containsKey("logprobs")).isFalse();
        assertThat(completions.getInteger("best_of")).isEqualTo(1);

        JsonObject responses = new JsonObject().put("top_logprobs", 4)
                .put("include", new JsonArray().add("message.output_text.logprobs").add("reasoning.encrypted_content"));
        var out = apply(Endpoint.RESPONSES, responses, new DegradeSpec(true, false, null, 64, false));
        assertThat(responses.getJsonArray("include")).containsExactly("reasoning.encrypted_content");
        assertThat(responses.getInteger("max_output_tokens")).isEqualTo(64); // set: the request had no limit
        assertThat(out).isEqualTo(new DegradeOutcome.Rewritten(true, true, 0, 0));
    }

    @Test
    void logitBiasWithLogprobsIsRefusedButEachAloneIsNot() {
        DegradeSpec spec = new DegradeSpec(false, true, null, null, false);
        JsonObject bias = new JsonObject().put("1000", 100);
        assertThat(apply(Endpoint.CHAT_COMPLETIONS, new JsonObject().put("logit_bias", bias).put("logprobs", true),
                spec)).isInstanceOfSatisfying(DegradeOutcome.Refused.class,
                        r -> assertThat(r.error().status()).isEqualTo(400));
        assertThat(apply(Endpoint.CHAT_COMPLETIONS, new JsonObject().put("logit_bias", bias), spec))
                .isEqualTo(DegradeOutcome.Rewritten.UNCHANGED);
        assertThat(apply(Endpoint.COMPLETIONS, new JsonObject().put("logit_bias", bias).put("logprobs", 2), spec))
                .isInstanceOf(DegradeOutcome.Refused.class);
    }

    @Test
    void embeddingsAndRequestsWithinTheCapsAreUntouched() {
        JsonObject within = new JsonObject().put("n", 1).put("max_tokens", 10);
        assertThat(apply(Endpoint.CHAT_COMPLETIONS, within, new DegradeSpec(false, false, 2, 50, false)))
                .isEqualTo(DegradeOutcome.Rewritten.UNCHANGED);
        assertThat(within).isEqualTo(new JsonObject().put("n", 1).put("max_tokens", 10));
        assertThat(apply(Endpoint.EMBEDDINGS, new JsonObject().put("input", "x"),
                new DegradeSpec(true, true, 1, 1, true))).isEqualTo(DegradeOutcome.Rewritten.UNCHANGED);
    }
}
