package io.distillguard.feature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads real prompts from the shared, read-only data directory ({@code distillguard.shared}) for tests. */
public final class SharedPrompts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedPrompts() {
    }

    public static Path data(String... parts) {
        return Path.of(System.getProperty("distillguard.shared", "../shared"), "data").resolve(Path.of("", parts));
    }

    public static Path mmluDir() {
        return data("prompts", "mmlu", "test");
    }

    public static Path gsm8k() {
        return data("prompts", "gsm8k", "train.jsonl");
    }

    /** GSM8K train questions, in file order. */
    public static List<String> gsm8kQuestions(int limit) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(gsm8k())) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(JSON.readTree(line).get("question").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Alpaca instructions, with their input appended on a new line when there is one. */
    public static List<String> alpacaPrompts(int limit) {
        List<String> out = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree(data("prompts", "alpaca", "alpaca_5000.json").toFile())) {
                if (out.size() >= limit) {
                    break;
                }
                String input = n.path("input").asText("");
                out.add(n.get("instruction").asText() + (input.isBlank() ? "" : "\n" + input));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Human turns of the ShareGPT conversations (non-blank), in file order. */
    public static List<String> shareGptHumanTurns(int limit) {
        return shareGpt(limit, false);
    }

    /** The first human turn of each ShareGPT conversation that has one. */
    public static List<String> shareGptFirstTurns(int limit) {
        return shareGpt(limit, true);
    }

    private static List<String> shareGpt(int limit, boolean firstOnly) {
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(data("prompts", "sharegpt", "sharegpt_conversations_700.jsonl"))) {
                for (JsonNode turn : JSON.readTree(line).get("conversations")) {
                    if (out.size() >= limit) {
                        return out;
                    }
                    if ("human".equals(turn.path("from").asText()) && !turn.path("value").asText().isBlank()) {
                        out.add(turn.get("value").asText());
                        if (firstOnly) {
                            break;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** MMLU test items of all subjects (question, options A-D, answer letter), in file order. */
    public static List<BenchmarkItem> mmluItems() {
        return BenchmarkFileReader.read(List.of(mmluDir()));
    }
}
