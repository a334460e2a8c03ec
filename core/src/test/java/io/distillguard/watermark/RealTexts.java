package io.distillguard.watermark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real model texts from ../shared/data for the watermark tests (read at test time, never copied). */
public final class RealTexts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealTexts() {
    }

    static Path data(String first, String... more) {
        return Path.of(System.getProperty("distillguard.shared", "../shared"), "data").resolve(Path.of(first, more));
    }

    /** Alpaca outputs (text-davinci-003). */
    public static List<String> alpacaOutputs() {
        List<String> out = new ArrayList<>();
        for (JsonNode row : read(data("prompts", "alpaca", "alpaca_5000.json"))) {
            out.add(row.get("output").asText());
        }
        return out;
    }

    /** GSM8K worked answers. */
    public static List<String> gsm8kAnswers() {
        List<String> out = new ArrayList<>();
        for (String line : lines(data("prompts", "gsm8k", "train.jsonl"))) {
            out.add(parse(line).get("answer").asText());
        }
        return out;
    }

    /** ShareGPT assistant ("gpt") turns. */
    public static List<String> shareGptReplies() {
        List<String> out = new ArrayList<>();
        for (String line : lines(data("prompts", "sharegpt", "sharegpt_conversations_700.jsonl"))) {
            for (JsonNode turn : parse(line).get("conversations")) {
                if ("gpt".equals(turn.get("from").asText())) {
                    out.add(turn.get("value").asText());
                }
            }
        }
        return out;
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path path) {
        try {
            return JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
