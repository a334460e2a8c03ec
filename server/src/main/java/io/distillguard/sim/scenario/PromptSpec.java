package io.distillguard.sim.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * A prompt source: a real file in its own format. {@code limit} reads at most that many items (0 = all);
 * {@code field} names the text field of a generic JSONL file (default {@code prompt}).
 */
public record PromptSpec(Format type, String path, Integer limit, String field) {

    /** The file formats the harness reads. */
    public enum Format {
        ALPACA, GSM8K, SHAREGPT, MMLU, JSONL;

        @JsonCreator
        public static Format parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        }

        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PromptSpec {
        Objects.requireNonNull(type, "prompts.type is required (alpaca, gsm8k, sharegpt, mmlu, jsonl)");
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("prompts.path is required");
        }
        limit = limit == null ? 0 : limit;
        field = field == null ? "prompt" : field;
        if (limit < 0) {
            throw new IllegalArgumentException("prompts.limit must be >= 0");
        }
    }
}
