package io.distillguard.sim.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.distillguard.sim.scenario.PromptSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads prompt files in their own formats: Alpaca JSON (array of instruction/input/output), GSM8K JSONL
 * ({@code question}), ShareGPT JSONL (multi-turn {@code conversations}; a leading {@code gpt} turn is skipped), MMLU
 * headerless CSV (question, four choices, answer; a directory reads every {@code *.csv} in name order) and generic
 * JSONL (one text field per line).
 */
public final class PromptSources {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptSources() {
    }

    public static PromptPool load(PromptSpec spec) {
        Path path = Path.of(spec.path());
        int max = spec.limit() == 0 ? Integer.MAX_VALUE : spec.limit();
        try {
            List<PromptItem> items = switch (spec.type()) {
                case ALPACA -> alpaca(path, max);
                case GSM8K -> jsonl(path, "question", max);
                case JSONL -> jsonl(path, spec.field(), max);
                case SHAREGPT -> sharegpt(path, max);
                case MMLU -> mmlu(path, max);
            };
            return new PromptPool(spec.type().text() + ":" + path.getFileName(), items);
        } catch (IOException e) {
            throw new UncheckedIOException("prompts " + path + ": " + e.getMessage(), e);
        }
    }

    static List<PromptItem> alpaca(Path file, int max) throws IOException {
        List<PromptItem> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(file.toFile())) {
            String instruction = n.path("instruction").asText("");
            String input = n.path("input").asText("");
            if (!instruction.isBlank()) {
                out.add(PromptItem.single(input.isBlank() ? instruction : instruction + "\n\n" + input));
            }
            if (out.size() >= max) {
                break;
            }
        }
        return out;
    }

    static List<PromptItem> jsonl(Path file, String field, int max) throws IOException {
        List<PromptItem> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            for (String line; out.size() < max && (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    String text = JSON.readTree(line).path(field).asText("");
                    if (!text.isBlank()) {
                        out.add(PromptItem.single(text));
                    }
                }
            }
        }
        return out;
    }

    static List<PromptItem> sharegpt(Path file, int max) throws IOException {
        List<PromptItem> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            for (String line; out.size() < max && (line = r.readLine()) != null; ) {
                List<String> users = new ArrayList<>();
                List<String> replies = new ArrayList<>();
                for (JsonNode turn : JSON.readTree(line).path("conversations")) {
                    String from = turn.path("from").asText();
                    String text = turn.path("value").asText("");
                    if (from.equals("human") && !text.isBlank()) {
                        if (users.size() > replies.size()) {
                            replies.add(""); // two user turns in a row: no reply recorded between them
                        }
                        users.add(text);
                    } else if (from.equals("gpt") && !users.isEmpty() && replies.size() < users.size()) {
                        replies.add(text);
                    }
                }
                if (!users.isEmpty()) {
                    out.add(new PromptItem(users, replies.subList(0, Math.min(replies.size(), users.size() - 1))));
                }
            }
        }
        return out;
    }

    static List<PromptItem> mmlu(Path path, int max) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            TreeSet<Path> sorted = new TreeSet<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*.csv")) {
                dir.forEach(sorted::add);
            }
            files.addAll(sorted);
        } else {
            files.add(path);
        }
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<PromptItem> out = new ArrayList<>();
        for (Path f : files) {
            try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(f.toFile())) {
                while (rows.hasNext() && out.size() < max) {
                    String[] row = rows.next();
                    if (row.length >= 5) {
                        out.add(PromptItem.single(row[0].strip() + "\nA. " + row[1] + "\nB. " + row[2] + "\nC. "
                                + row[3] + "\nD. " + row[4] + "\nAnswer:"));
                    }
                }
            }
        }
        return out;
    }
}
