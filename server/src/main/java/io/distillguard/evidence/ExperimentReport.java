package io.distillguard.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence report of a distillation experiment: p-value against training tokens and watermark share, and the
 * false-positive rate of the unwatermarked students, as markdown for people and JSON for tools.
 *
 * @param config   the settings it ran with
 * @param students every student, in run order
 */
public record ExperimentReport(ExperimentConfig config, List<StudentResult> students) {

    public static final double FALSE_POSITIVE_LEVEL = 1e-3;

    /** Controls (no watermarked data) whose smallest Holm-adjusted p-value over all keys is below 1e-3. */
    public long falsePositives() {
        return controls().stream().filter(s -> s.smallestAdjustedP() < FALSE_POSITIVE_LEVEL).count();
    }

    public List<StudentResult> controls() {
        return students.stream().filter(s -> s.watermarkShare() == 0).toList();
    }

    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("config", config);
        json.put("students", students);
        json.put("controls", controls().size());
        json.put("falsePositivesAt1e-3", falsePositives());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(directory.resolve("distillation-experiment.json").toFile(), json);
        Files.writeString(directory.resolve("distillation-experiment.md"), markdown());
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Distillation experiment: does the lexical watermark survive?\n\n");
        md.append("Teacher: Alpaca outputs (text-davinci-003), watermarked for entity `")
                .append(DistillationExperiment.MARKED_ENTITY).append("`. Students: interpolated Kneser-Ney trigram ")
                .append("models. Each answers ").append(config.freshPrompts()).append(" held-out prompts ")
                .append(config.samplesPerPrompt()).append(" times (<= ").append(config.maxTokens())
                .append(" tokens). Keys tested: the marking entity's sub-key, the global key and 8 decoy sub-keys, ")
                .append("Holm-Bonferroni across them.\n\n");
        md.append("| training texts | training tokens | watermarked share | seed | generated tokens | slots | score | ")
                .append("expected | z | p (marked key) | Holm p | smallest Holm p, other keys |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StudentResult s : students) {
            var k = s.markedKey();
            md.append(String.format(Locale.ROOT, "| %d | %d | %.0f%% | %d | %d | %d | %d | %.1f | %.2f | %.2e | %.2e | %.2e |%n",
                    s.trainingTexts(), s.trainingTokens(), 100 * s.watermarkShare(), s.seed(), s.generatedTokens(),
                    k.units(), k.score(), k.expectedScore(), k.zScore(), k.pValue(), k.holmAdjustedPValue(),
                    s.smallestOtherAdjustedP()));
        }
        md.append(String.format(Locale.ROOT, "%nFalse positives among unwatermarked students (any key, Holm p < %.0e): %d of %d.%n",
                FALSE_POSITIVE_LEVEL, falsePositives(), controls().size()));
        return md.toString();
    }
}
