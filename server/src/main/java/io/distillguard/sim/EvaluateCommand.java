package io.distillguard.sim;

import io.distillguard.sim.report.DefenceResult;
import io.distillguard.sim.report.ScenarioReport;
import io.distillguard.sim.run.Defence;
import io.distillguard.sim.run.Evaluation;
import io.distillguard.sim.scenario.ScenarioLoad;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code distillguard evaluate}: runs scenarios against the baseline defences and DistillGuard, side by side, and
 * writes report.json, report.md and plots.html (one directory per scenario when several are given).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Run scenarios against per-key limits, per-account anomaly and DistillGuard; write reports.")
public final class EvaluateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SCENARIO.yaml")
    List<Path> scenarios;

    @Option(names = "--out", required = true, description = "Output directory")
    Path out;

    @Option(names = "--defences", split = ",", defaultValue = "per-key,account-anomaly,full",
            description = "Defences to compare (per-key, account-anomaly, full); default: all three")
    List<String> defences;

    @Mixin
    ScenarioFiles files;

    @Override
    public Integer call() throws Exception {
        List<Defence> chosen = new ArrayList<>();
        for (String d : defences) {
            try {
                Defence parsed = Defence.parse(d);
                if (parsed == Defence.REMOTE) {
                    throw new IllegalArgumentException("remote is simulate --url's");
                }
                chosen.add(parsed);
            } catch (IllegalArgumentException e) {
                System.err.println("unknown defence: " + d + " (per-key, account-anomaly, full)");
                return 2;
            }
        }
        for (Path file : scenarios) {
            ScenarioLoad load = files.load(file);
            if (load instanceof ScenarioLoad.Invalid bad) {
                System.err.println(bad.message());
                return 2;
            }
            var scenario = load.orThrow();
            Path dir = scenarios.size() == 1 ? out : out.resolve(scenario.name());
            ScenarioReport report = Evaluation.evaluate(scenario, chosen, dir, System.out::println);
            for (DefenceResult d : report.defences().values()) {
                var s = d.summary();
                System.out.printf(Locale.ROOT, "%s / %-15s attacks detected %d/%d, median share before action %.2f%%, "
                                + "benign alerted %.2f%% actioned %.2f%%, linking ARI %.3f, %.0f req/s%n",
                        report.scenario(), d.defence(), s.attackDetected(), s.attackPopulations(),
                        100 * s.medianAttackShareBeforeFirstAction(), 100 * s.benignAlertedShare(),
                        100 * s.benignActionedShare(), d.linking().adjustedRandIndex(), d.requestsPerS());
            }
            System.out.println("report: " + dir.resolve("report.json"));
        }
        return 0;
    }
}
