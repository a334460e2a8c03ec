package io.distillguard.watermark;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingWatermarkerTest {

    private static final WatermarkKey KEY = WatermarkKey.global("streaming-test-key-0123456789".getBytes(StandardCharsets.UTF_8));
    private static LexicalWatermarker watermarker;
    private static List<String> texts;

    @BeforeAll
    static void load() {
        watermarker = new LexicalWatermarker(new WatermarkConfig(KEY, 1.0, WatermarkScope.GLOBAL));
        texts = new ArrayList<>(RealTexts.alpacaOutputs().subList(0, 300));
        texts.addAll(RealTexts.shareGptReplies().subList(0, 100)); // code fences, inline code, JSON
    }

    @Test
    void anyChunkingGivesTheWholeTextResult() {
        Random random = new Random(7);
        int changed = 0;
        for (String text : texts) {
            String prompt = random.nextBoolean() ? text.substring(0, text.length() / 3) : "";
            WatermarkRequest request = new WatermarkRequest(null, prompt, false);
            String whole = watermarker.apply(text, request);
            changed += whole.equals(text) ? 0 : 1;
            for (int trial = 0; trial < 3; trial++) {
                StreamingWatermarker session = watermarker.open(request);
                StringBuilder streamed = new StringBuilder();
                int at = 0;
                while (at < text.length()) {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(trial == 0 ? 2 : 12));
                    streamed.append(session.push(text.substring(at, end)));
                    at = end;
                }
                streamed.append(session.finish());
                assertThat(streamed.toString()).isEqualTo(whole);
            }
        }
        assertThat(changed).as("texts with at least one substitution").isGreaterThan(texts.size() / 10);
    }

    @Test
    void holdsBackAtMostThePartialWord() {
        StreamingWatermarker session = watermarker.open(WatermarkRequest.plain());
        assertThat(session.push("It is a very big")).isEqualTo("It is a very ");
        String rest = session.push(" house") + session.finish();
        assertThat(rest).endsWith(" house").matches("(big|large) house");
    }

    @Test
    void substitutesWithinTheClassAndKeepsCapitalisation() {
        String text = "Large houses are often expensive. LARGE gardens are often rare. Students often calculate.";
        String marked = watermarker.apply(text);
        String[] in = text.split(" ");
        String[] out = marked.split(" ");
        assertThat(out).hasSameSizeAs(in);
        SynonymTable table = watermarker.table();
        for (int i = 0; i < in.length; i++) {
            String a = in[i].replaceAll("\\W", "");
            String b = out[i].replaceAll("\\W", "");
            if (!a.equals(b)) {
                assertThat(table.classOf(b.toLowerCase())).isSameAs(table.classOf(a.toLowerCase()));
                assertThat(Casing.of(b)).isEqualTo(Casing.of(a));
            }
        }
    }

    @Test
    void leavesCodeJsonAndPromptQuotesUntouched() {
        String code = "Use `large often big` here:\n```java\nint big = often(); // large\n```\nDone";
        String marked = watermarker.apply(code);
        assertThat(marked).contains("`large often big`", "int big = often(); // large");
        String json = "  {\"answer\": \"a large car, often\"}";
        assertThat(watermarker.apply(json)).isEqualTo(json);
        String prose = "The student will often calculate the large sum.";
        assertThat(watermarker.apply(prose, new WatermarkRequest(null, "", true))).isEqualTo(prose);
        assertThat(watermarker.apply(prose, new WatermarkRequest(null, prose, false))).isEqualTo(prose);
        assertThat(watermarker.apply(prose)).isNotEqualTo(prose); // this key changes the sentence when not quoted
    }

    @Test
    void entitySubKeysMarkDifferently() {
        LexicalWatermarker perEntity = new LexicalWatermarker(new WatermarkConfig(KEY, 1.0, WatermarkScope.PER_ENTITY));
        long differing = texts.subList(0, 200).stream()
                .filter(t -> !perEntity.apply(t, new WatermarkRequest("acme", "", false))
                        .equals(perEntity.apply(t, new WatermarkRequest("globex", "", false))))
                .count();
        assertThat(differing).isGreaterThan(20);
        LexicalWatermarker off = new LexicalWatermarker(new WatermarkConfig(KEY, 1.0, WatermarkScope.OFF));
        assertThat(texts).allSatisfy(t -> assertThat(off.apply(t)).isEqualTo(t));
    }
}
