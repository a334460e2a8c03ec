package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayJsonTest {

    private static final List<String> BODIES = List.of(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"héllo ✓ \\u00e9\"}],\"max_tokens\":16}",
            "{\"n\":3,\"temperature\":0.7,\"big\":12345678901234,\"huge\":123456789012345678901234567890,"
                    + "\"logit_bias\":{\"50256\":-100},\"stream\":true,\"x\":null,\"f\":false,\"e\":1e-3}",
            "{\"input\":[[1,2,3],[4]],\"nested\":{\"a\":[{\"b\":{}}]}}",
            "[1,\"two\",{\"three\":3}]",
            "\"text\"", "42", "true", "null");

    @Test
    void parsesTheSameValuesAsVertxDecoder() {
        for (String body : BODIES) {
            Buffer buffer = Buffer.buffer(body);
            assertThat(GatewayJson.value(buffer)).as(body).isEqualTo(Json.decodeValue(buffer));
        }
    }

    @Test
    void readsASliceOfALargerArrayAndKeepsNumberTypes() {
        byte[] bytes = "xx{\"a\":1,\"b\":2.5,\"c\":12345678901234}yy".getBytes(StandardCharsets.UTF_8);
        Buffer slice = Buffer.buffer(bytes).slice(2, bytes.length - 2);
        JsonObject o = GatewayJson.object(slice);
        assertThat(o.getValue("a")).isInstanceOf(Integer.class).isEqualTo(1);
        assertThat(o.getValue("b")).isInstanceOf(Double.class).isEqualTo(2.5);
        assertThat(o.getValue("c")).isInstanceOf(Long.class).isEqualTo(12345678901234L);
    }

    @Test
    void rejectsMalformedAndTrailingContent() {
        for (String bad : List.of("{\"a\":", "{\"a\":1}{}", "{\"a\":1} x", "{a:1}", "[1,]", "")) {
            assertThatThrownBy(() -> GatewayJson.value(Buffer.buffer(bad))).as(bad)
                    .isInstanceOf(DecodeException.class);
        }
        assertThatThrownBy(() -> GatewayJson.object(Buffer.buffer("[1]"))).isInstanceOf(DecodeException.class);
    }

    @Test
    void headerSetsIgnoreCase() {
        Headers set = new Headers("content-length", "host");
        assertThat(set.contains("Content-Length")).isTrue();
        assertThat(set.contains("HOST")).isTrue();
        assertThat(set.contains("hostx")).isFalse();
        assertThat(set.contains("content-type")).isFalse();
        assertThat(Headers.startsWith("X-RateLimit-Limit-Requests", "x-ratelimit-")).isTrue();
        assertThat(Headers.startsWith("x-rate", "x-ratelimit-")).isFalse();
    }
}
