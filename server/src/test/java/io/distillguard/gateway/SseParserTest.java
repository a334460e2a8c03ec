package io.distillguard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static final String STREAM = "data: {\"id\":\"1\",\"choices\":[{\"delta\":{\"content\":\"héllo 世界\"}}]}\n\n"
            + ": keep-alive comment\n\n"
            + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"x\"}\n\n"
            + "data: line one\ndata: line two\n\n"
            + "data: [DONE]\n\n";

    @Test
    void reassemblesEventsHoweverTheBytesAreSplit() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        Random rnd = new Random(42);
        List<String> reference = datas(parseAll(List.of(Buffer.buffer(bytes))));
        assertThat(reference).containsExactly(
                "{\"id\":\"1\",\"choices\":[{\"delta\":{\"content\":\"héllo 世界\"}}]}",
                null, // the comment-only block is forwarded as-is but carries no data
                "{\"type\":\"response.output_text.delta\",\"delta\":\"x\"}",
                "line one\nline two",
                "[DONE]");
        for (int trial = 0; trial < 500; trial++) {
            List<Buffer> chunks = new ArrayList<>();
            int i = 0;
            while (i < bytes.length) {
                int n = 1 + rnd.nextInt(Math.min(40, bytes.length - i));
                chunks.add(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, i, i + n)));
                i += n;
            }
            List<SseEvent> events = parseAll(chunks);
            assertThat(datas(events)).isEqualTo(reference);
            Buffer rejoined = Buffer.buffer();
            events.forEach(e -> rejoined.appendBuffer(e.raw()));
            assertThat(rejoined.toString(StandardCharsets.UTF_8)).isEqualTo(STREAM);
        }
    }

    @Test
    void handlesCrLfAndEventNamesAndJson() {
        SseParser p = new SseParser();
        List<SseEvent> events = p.feed(Buffer.buffer("event: ping\r\ndata: {\"a\":1}\r\n\r\ndata: [DONE]\r\n\r\n"));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).eventName()).isEqualTo("ping");
        assertThat(events.get(0).json().getInteger("a")).isEqualTo(1);
        assertThat(events.get(1).isDone()).isTrue();
        assertThat(events.get(1).json()).isNull();
    }

    @Test
    void finishReturnsAnUnterminatedLastEvent() {
        SseParser p = new SseParser();
        assertThat(p.feed(Buffer.buffer("data: {\"b\":2}"))).isEmpty();
        SseEvent last = p.finish();
        assertThat(last.json().getInteger("b")).isEqualTo(2);
        assertThat(p.finish()).isNull();
    }

    private static List<SseEvent> parseAll(List<Buffer> chunks) {
        SseParser p = new SseParser();
        List<SseEvent> out = new ArrayList<>();
        chunks.forEach(c -> out.addAll(p.feed(c)));
        SseEvent last = p.finish();
        if (last != null) {
            out.add(last);
        }
        return out;
    }

    private static List<String> datas(List<SseEvent> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.data()));
        return out;
    }
}
