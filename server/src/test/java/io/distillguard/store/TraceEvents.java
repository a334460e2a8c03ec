package io.distillguard.store;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.distillguard.event.ContentFlag;
import io.distillguard.event.Endpoint;
import io.distillguard.event.PromptFeatures;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Usage events made from real data: arrival times and token counts from the Azure LLM inference trace, prompt and
 * response texts from Alpaca. Every field varies, including nulls, so a round trip exercises each column.
 */
public final class TraceEvents {

    private static final Path DATA = Path.of(System.getProperty("distillguard.shared", "../shared"), "data");
    private static final DateTimeFormatter AZURE_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSS");
    private static final Hasher64 HASH = Hashing.komihash5_0();
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** One row of the Azure trace. */
    public record TraceRow(long timestampMs, long contextTokens, long generatedTokens) {
    }

    /** One Alpaca example. */
    public record Example(String prompt, String output) {
    }

    private static List<TraceRow> azure;
    private static List<Example> alpaca;

    private TraceEvents() {
    }

    public static synchronized List<TraceRow> azure() {
        if (azure == null) {
            try (var lines = Files.lines(DATA.resolve("traces/azure_llm_2023/AzureLLMInferenceTrace_conv.csv"))) {
                azure = lines.skip(1).map(l -> l.split(",")).map(f -> new TraceRow(
                        LocalDateTime.parse(f[0], AZURE_TS).toInstant(ZoneOffset.UTC).toEpochMilli(),
                        Long.parseLong(f[1]), Long.parseLong(f[2]))).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return azure;
    }

    public static synchronized List<Example> alpaca() {
        if (alpaca == null) {
            try {
                JsonNode all = JsonMapper.builder().build().readTree(DATA.resolve("prompts/alpaca/alpaca_5000.json").toFile());
                List<Example> out = new ArrayList<>();
                for (JsonNode n : all) {
                    String input = n.path("input").asText("");
                    String prompt = n.path("instruction").asText() + (input.isEmpty() ? "" : "\n\n" + input);
                    out.add(new Example(prompt, n.path("output").asText()));
                }
                alpaca = List.copyOf(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return alpaca;
    }

    /** The {@code i}-th event: trace row {@code i % rows} shifted by whole trace lengths, Alpaca example {@code i % 5000}. */
    public static UsageEvent event(int i) {
        List<TraceRow> rows = azure();
        TraceRow row = rows.get(i % rows.size());
        long shift = (long) (i / rows.size()) * 3_600_000L;
        Example ex = alpaca().get(i % alpaca().size());
        boolean odd = (i & 1) == 1;
        String account = "acct_" + (i % 37);
        RequestParams params = new RequestParams(1 + i % 3, odd ? null : (i % 20) / 10.0, i % 5 == 0 ? 0.9 : null,
                i % 4 == 0 ? null : 256 + i % 4096, i % 7 == 0, i % 7 == 0 ? 5 : 0, i % 11 == 0 ? 3 : 0, i % 3,
                i % 6 == 0 ? "json_schema" : null, odd, i % 9 == 0 ? "high" : null, i % 8 == 0 ? (long) i * 31 : null);
        long contentHash = HASH.hashCharsToLong(ex.prompt());
        PromptFeatures prompt = new PromptFeatures(ex.prompt().length(), 1 + i % 4, 1 + i % 2, contentHash,
                Long.rotateLeft(contentHash, 17), HASH.hashCharsToLong(DIGITS.matcher(ex.prompt()).replaceAll("#")),
                ex.prompt().contains("code") ? ContentFlag.of(ContentFlag.CODE) : 0, i % 13 == 0 ? "und" : "en",
                i % 10 == 0 ? embedding(contentHash) : null);
        boolean failed = i % 50 == 0;
        return new UsageEvent("req_" + i, row.timestampMs() + shift, "org_" + (i % 5), account, "key_" + (i % 53),
                "ent_" + account, "10.0." + (i % 256) + "." + (i % 7), odd ? null : "t13d1516h2_" + (i % 97),
                i % 17 == 0 ? null : "OpenAI/Python 1.54." + (i % 4), i % 3 == 0 ? "gpt-4o-mini" : "gpt-4o",
                Endpoint.values()[i % 4], params, prompt, row.contextTokens(), failed ? 0 : row.generatedTokens(),
                failed ? 429 : 200, failed ? "rate_limit_exceeded" : null, 40 + i % 3000, odd ? -1 : 15 + i % 400,
                failed ? UsageSource.NONE : (i % 19 == 0 ? UsageSource.TOKENIZER : UsageSource.UPSTREAM),
                i % 3 == 0 ? ex.prompt() : null, i % 3 == 0 ? ex.output() : null);
    }

    /**
     * A value that is equal for equal events: the event with its embedding (an array, compared by reference in the
     * record) replaced by its hex form alongside.
     */
    public static List<Object> comparable(UsageEvent e) {
        byte[] emb = e.prompt().embedding();
        UsageEvent withoutArray = new UsageEvent(e.requestId(), e.timestampMs(), e.orgId(), e.accountId(), e.keyId(),
                e.entityId(), e.clientIp(), e.clientFingerprint(), e.userAgent(), e.model(), e.endpoint(), e.params(),
                e.prompt().withEmbedding(null), e.inputTokens(), e.outputTokens(), e.status(), e.errorCode(),
                e.latencyMs(), e.ttftMs(), e.usageSource(), e.promptText(), e.responseText());
        return List.of(withoutArray, emb == null ? "null" : HexFormat.of().formatHex(emb));
    }

    /** A 384-dimensional int8 embedding with negative and positive values, derived from {@code seed}. */
    static byte[] embedding(long seed) {
        byte[] b = new byte[384];
        long x = seed;
        for (int k = 0; k < b.length; k++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            b[k] = (byte) (x >>> 56);
        }
        return b;
    }
}
