package io.distillguard.sim.run;

import io.distillguard.sim.report.ReportBuilder;
import io.distillguard.sim.report.ReportWriter;
import io.distillguard.sim.report.ScenarioReport;
import io.distillguard.sim.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code evaluate}: plans a scenario once, runs it against each defence with a fresh in-process gateway, and writes
 * report.json, report.md and plots.html into {@code outDir}.
 */
public final class Evaluation {
    private Evaluation() {
    }

    public static ScenarioReport evaluate(Scenario scenario, List<Defence> defences, Path outDir,
            Consumer<String> progress) throws Exception {
        ScenarioPlan plan = ScenarioPlan.of(scenario);
        progress.accept(String.format("%s: %d populations, %d requests planned", scenario.name(),
                plan.populations().size(), plan.requests()));
        ScenarioRunner runner = new ScenarioRunner(plan, progress);
        List<RunResult> runs = new ArrayList<>();
        try (WorkDir work = new WorkDir()) {
            for (Defence d : defences) {
                RunResult r = runner.run(d, work.path());
                progress.accept(String.format("%s / %s: %d requests in %.1f s (%.0f req/s)", scenario.name(),
                        d.label(), r.outcomes().size(), r.wallMs() / 1000.0, r.requestsPerSecond()));
                runs.add(r);
            }
        }
        ScenarioReport report = ReportBuilder.build(runs);
        ReportWriter.write(report, runs, outDir);
        return report;
    }
}
