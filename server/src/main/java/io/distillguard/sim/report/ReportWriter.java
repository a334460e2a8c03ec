package io.distillguard.sim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.distillguard.sim.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a scenario's {@code report.json} (snake_case, stable field order), {@code report.md} (the defences side by
 * side) and {@code plots.html} (self-contained SVG charts) into a directory.
 */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(ScenarioReport report, List<RunResult> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("report.json").toFile(), report);
        Files.writeString(dir.resolve("report.md"), markdown(report));
        Files.writeString(dir.resolve("plots.html"), PlotPage.html(report, runs));
    }

    static String markdown(ScenarioReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Scenario ").append(r.scenario()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Seed %d, start %s, %.1f virtual days, %d requests planned, %d accounts.%n%n",
                r.seed(), r.start(), r.durationS() / 86_400, r.requestsPlanned(), r.accounts()));
        md.append("| defence | requests | req/s | attacks detected | median share before action | benign alerted | "
                + "benign actioned | linking ARI | purity |\n|---|---|---|---|---|---|---|---|---|\n");
        for (DefenceResult d : r.defences().values()) {
            var s = d.summary();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %d/%d | %.2f%% | %d (%.2f%%) | %d (%.2f%%) | %.3f | %.3f |%n",
                    d.defence(), d.requests(), d.requestsPerS(), s.attackDetected(), s.attackPopulations(),
                    100 * s.medianAttackShareBeforeFirstAction(), s.benignAlerted(), 100 * s.benignAlertedShare(),
                    s.benignActioned(), 100 * s.benignActionedShare(), d.linking().adjustedRandIndex(),
                    d.linking().purity()));
        }
        md.append("\n## Populations by defence\n\n| population | label | accounts |");
        r.defences().keySet().forEach(k -> md.append(' ').append(k).append(": detected / TTD s / share obtained / "
                + "share before action / alerted / actioned |"));
        md.append("\n|---|---|---|");
        r.defences().keySet().forEach(k -> md.append("---|"));
        md.append('\n');
        for (int i = 0; i < r.populations().size(); i++) {
            PopulationResult p0 = r.populations().get(i);
            md.append("| ").append(p0.name()).append(" | ").append(p0.label()).append(" | ").append(p0.accounts())
                    .append(" |");
            for (DefenceResult d : r.defences().values()) {
                PopulationResult p = d.populations().get(i);
                md.append(String.format(Locale.ROOT, " %s / %s / %.1f%% / %.1f%% / %d / %d |",
                        p.detected() ? "yes" : "no", p.timeToDetectS() == null ? "-" : String.format(Locale.ROOT, "%.0f", p.timeToDetectS()),
                        100 * p.shareObtained(), 100 * p.shareBeforeFirstAction(), p.accountsAlerted(),
                        p.accountsActioned()));
            }
            md.append('\n');
        }
        md.append("\nFields: docs/scenarios.md. Plots: plots.html.\n");
        return md.toString();
    }
}
