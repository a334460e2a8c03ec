package io.distillguard.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillguard.forensics.DetectionReport;
import io.distillguard.forensics.KeyTestResult;
import io.distillguard.forensics.SlotOccurrences;
import io.distillguard.forensics.WatermarkDetector;
import io.distillguard.watermark.SlotRule;
import io.distillguard.watermark.SynonymTable;
import io.distillguard.watermark.WatermarkKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code forensics test}: reads suspect texts (JSONL, one {"text": ...} per line) and prints, per key (the global key
 * and each named entity's sub-key), the hit statistic, z-score, exact p-value and Holm-adjusted p-value. With
 * {@code --reference} (the teacher's own never-watermarked answers, same JSONL form) each slot is scored against what
 * the teacher says in that context, which is the more powerful test once the suspect's text is plentiful.
 */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Test suspect texts for the watermark.")
public final class ForensicsTestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--texts", required = true, description = "JSONL file with a \"text\" field per line.")
    Path texts;

    @Option(names = "--key-file", required = true, description = "Global watermark key, hex.")
    Path keyFile;

    @Option(names = "--keys", split = ",", description = "Entity ids whose sub-keys to test as well.")
    List<String> entities = List.of();

    @Option(names = "--no-global", description = "Do not test the global key itself.")
    boolean skipGlobal;

    @Option(names = "--reference", description = "JSONL of the teacher's never-watermarked answers (optional).")
    Path reference;

    @Option(names = "--strength", description = "Watermark strength the gateway used (default: 1.0).")
    double strength = 1.0;

    @Override
    public Integer call() throws Exception {
        WatermarkKey global = KeyFiles.read(keyFile);
        List<WatermarkKey> keys = new ArrayList<>();
        if (!skipGlobal) {
            keys.add(global);
        }
        entities.forEach(e -> keys.add(global.forEntity(e)));
        List<String> suspect = readTexts(texts);
        SynonymTable table = SynonymTable.standard();
        SlotOccurrences referenceSlots = reference == null ? null
                : SlotOccurrences.collect(new SlotRule(table), readTexts(reference));
        DetectionReport report = new WatermarkDetector(table, strength, WatermarkDetector.DEFAULT_ASSUMED_SHARE,
                referenceSlots).test(suspect, keys);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "texts=%d slot-occurrences=%d%n", report.texts(), report.occurrences());
        out.println("key\tslots\thits\tscore\texpected\tz\tp\tholm_p");
        for (KeyTestResult r : report.results()) {
            out.printf(Locale.ROOT, "%s\t%d\t%d\t%d\t%.1f\t%.3f\t%.3e\t%.3e%n", r.keyId(), r.units(), r.hits(),
                    r.score(), r.expectedScore(), r.zScore(), r.pValue(), r.holmAdjustedPValue());
        }
        out.flush();
        return 0;
    }

    private static List<String> readTexts(Path file) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode text = json.readTree(line).get("text");
                if (text != null) {
                    out.add(text.asText());
                }
            }
        }
        return out;
    }
}
