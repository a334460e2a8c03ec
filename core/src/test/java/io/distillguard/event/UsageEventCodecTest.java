package io.distillguard.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageEventCodecTest {

    private static UsageEvent full() {
        PromptFeatures features = new PromptFeatures(120, 3, 2, 0x1234_5678_9abcL, -42L, Long.MIN_VALUE,
                ContentFlag.of(ContentFlag.REASONING_ELICITATION, ContentFlag.CODE), "de", new byte[] {-127, 0, 5, 127});
        RequestParams params = new RequestParams(4, 0.7, null, 512, true, 5, 3, 1, "json_schema", true, "high", 99L);
        return new UsageEvent("req_1", 1_700_000_000_123L, "org_1", "acct_1", "key_1", "ent_1", "203.0.113.9",
                "t13d1516h2_8daaf6152771", "curl/8.0", "sim-large", Endpoint.CHAT_COMPLETIONS, params, features,
                900, 4_000, 200, null, 850, 120, UsageSource.UPSTREAM, "prompt text ü", null);
    }

    @Test
    void roundTripKeepsEveryField() {
        UsageEvent event = full();
        UsageEvent back = UsageEventCodec.decode(UsageEventCodec.encode(event));
        assertThat(back).usingRecursiveComparison().isEqualTo(event);
        assertThat(back.prompt().embedding()).containsExactly(-127, 0, 5, 127);
    }

    @Test
    void roundTripOfMinimalEvent() {
        UsageEvent event = new UsageEvent("req_2", 5, null, null, null, null, null, null, null, null, Endpoint.MODELS,
                RequestParams.NONE, PromptFeatures.EMPTY, 0, 0, 401, "invalid_api_key", 1, -1, UsageSource.NONE, null,
                null);
        assertThat(UsageEventCodec.decode(UsageEventCodec.encode(event))).usingRecursiveComparison().isEqualTo(event);
    }

    @Test
    void writesVersionedSnakeCaseJsonAndIgnoresUnknownFields() {
        String json = new String(UsageEventCodec.encode(full()), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"v\":1,").contains("\"account_id\":\"acct_1\"", "\"input_tokens\":900");
        String extended = json.replace("\"account_id\"", "\"future_field\":[1,2],\"account_id\"");
        assertThat(UsageEventCodec.decode(extended.getBytes(StandardCharsets.UTF_8)).accountId()).isEqualTo("acct_1");
    }

    @Test
    void rejectsGarbageAndUnknownVersions() {
        assertThatThrownBy(() -> UsageEventCodec.decode("nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a usage event");
        String v2 = new String(UsageEventCodec.encode(full()), StandardCharsets.UTF_8).replace("{\"v\":1,", "{\"v\":2,");
        assertThatThrownBy(() -> UsageEventCodec.decode(v2.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
    }
}
