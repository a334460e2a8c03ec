package io.distillguard.feature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads benchmark files the operator provides: MMLU-style headerless CSV ({@code question,A,B,C,D,answer}), and JSONL
 * with a {@code question} (GSM8K), {@code prompt} or {@code instruction} field. A directory stands for the benchmark
 * files directly inside it.
 */
public final class BenchmarkFileReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchmarkFileReader() {
    }

    /** All items of {@code paths}, in file order. */
    public static List<BenchmarkItem> read(List<Path> paths) {
        List<BenchmarkItem> items = new ArrayList<>();
        for (Path p : expand(paths)) {
            String name = p.getFileName().toString();
            try {
                if (name.endsWith(".csv")) {
                    readCsv(p, name, items);
                } else {
                    readJsonl(p, name, items);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read benchmark file " + p, e);
            }
        }
        return items;
    }

    private static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".csv") || f.toString().endsWith(".jsonl")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    private static void readCsv(Path p, String name, List<BenchmarkItem> items) throws IOException {
        int row = 0;
        for (List<String> fields : Csv.parse(Files.readString(p, StandardCharsets.UTF_8))) {
            row++;
            if (fields.isEmpty() || fields.getFirst().isBlank()) {
                continue;
            }
            String question = fields.getFirst();
            StringBuilder full = new StringBuilder(question);
            int options = fields.size() >= 6 ? fields.size() - 1 : fields.size();
            for (int i = 1; i < options; i++) {
                full.append('\n').append(fields.get(i));
            }
            items.add(new BenchmarkItem(name, row, question, full.toString()));
        }
    }

    private static void readJsonl(Path p, String name, List<BenchmarkItem> items) throws IOException {
        int line = 0;
        for (String json : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            line++;
            if (json.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(json);
            String text = firstText(node, "question", "prompt", "instruction");
            if (text != null) {
                items.add(new BenchmarkItem(name, line, text, text));
            }
        }
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v != null && v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }
}
