package io.distillguard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.sim.report.ReportBuilder;
import io.distillguard.sim.report.ReportWriter;
import io.distillguard.sim.run.Defence;
import io.distillguard.sim.run.Observed;
import io.distillguard.sim.run.OutcomeLog;
import io.distillguard.sim.run.RunResult;
import io.distillguard.sim.run.ScenarioPlan;
import io.distillguard.sim.run.ScenarioRunner;
import io.distillguard.sim.scenario.Scenario;
import io.distillguard.sim.scenario.ScenarioLoad;
import io.distillguard.sim.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness on its virtual clock, with 64 requests in flight: (1) the gateway stamps every usage event with the
 * request's planned arrival time, so a 3 min +/- 2 s timer keeps its regular gaps as detection sees them; (2) the same
 * seed gives exactly the same run twice, under per-key limits and under DistillGuard: every request's status and
 * tokens, every alert and decision with its time, each account's entity, and each entity's risk and signal readings
 * to the last bit (so a difference in the 4th decimal fails), and byte-identical report.json apart from wall time.
 */
class SimulateDeterminismTest {
    @TempDir
    Path tmp;

    @Test
    void plannedTimesAreStampedAndTheSameSeedGivesTheSameRun() throws Exception {
        Path shared = Path.of(System.getProperty("distillguard.shared", "../../shared"));
        Path file = Path.of(getClass().getResource("/scenarios/timing-check.yaml").toURI());
        Scenario scenario = ((ScenarioLoad.Loaded) ScenarioLoader.withShared(shared).load(file)).scenario();
        ScenarioPlan plan = ScenarioPlan.of(scenario);
        ScenarioRunner runner = new ScenarioRunner(plan, line -> { });

        List<RunResult> first = new ArrayList<>();
        List<RunResult> second = new ArrayList<>();
        for (Defence d : List.of(Defence.PER_KEY, Defence.FULL)) {
            first.add(runner.run(d, Files.createDirectories(tmp.resolve("a"))));
            second.add(runner.run(d, Files.createDirectories(tmp.resolve("b"))));
        }

        RunResult full = first.get(1);
        OutcomeLog log = full.outcomes();
        assertThat(log.size()).isEqualTo(plan.requests()).isGreaterThan(400);
        int distiller = indexOf(plan, "bulk-distiller");
        List<Long> distillerTimes = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.stamped(i)).as("stamped time of request %d", i).isEqualTo(log.at(i));
            if (log.population(i) == distiller) {
                distillerTimes.add(log.stamped(i));
            }
        }
        assertThat(distillerTimes).hasSizeGreaterThan(55);
        assertThat(gapCv(distillerTimes)).isLessThan(0.05);
        // The run exercised what could make it order-dependent: refusals by quota and actions by detection.
        assertThat(full.observed()).anyMatch(o -> o instanceof Observed.DecisionSeen);
        assertThat(first.get(0).outcomes().size()).isEqualTo(log.size());
        assertThat(countStatus(first.get(0).outcomes(), 429)).isPositive();

        for (int i = 0; i < first.size(); i++) {
            assertSameLines(fingerprint(second.get(i)), fingerprint(first.get(i)), first.get(i).defence().label());
        }
        ReportWriter.write(ReportBuilder.build(first), first, tmp.resolve("report-a"));
        ReportWriter.write(ReportBuilder.build(second), second, tmp.resolve("report-b"));
        assertThat(withoutWallTime(tmp.resolve("report-b/report.json")))
                .isEqualTo(withoutWallTime(tmp.resolve("report-a/report.json")));
    }

    /** Equal, or fails naming the first line that differs (the whole text would be unreadable). */
    private static void assertSameLines(String actual, String expected, String what) {
        String[] a = actual.split("\n");
        String[] e = expected.split("\n");
        for (int i = 0; i < Math.min(a.length, e.length); i++) {
            assertThat(a[i]).as("%s: line %d of the second run", what, i).isEqualTo(e[i]);
        }
        assertThat(a.length).as("%s: lines", what).isEqualTo(e.length);
    }

    private static int indexOf(ScenarioPlan plan, String name) {
        return plan.populations().stream().filter(p -> p.spec().name().equals(name)).findFirst().orElseThrow().index();
    }

    private static double gapCv(List<Long> times) {
        double[] gaps = new double[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            gaps[i - 1] = times.get(i) - times.get(i - 1);
        }
        double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
        double var = java.util.Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / gaps.length;
        return Math.sqrt(var) / mean;
    }

    private static long countStatus(OutcomeLog log, int status) {
        long n = 0;
        for (int i = 0; i < log.size(); i++) {
            n += log.status(i) == status ? 1 : 0;
        }
        return n;
    }

    /** Everything a run produced except wall time, with doubles printed exactly. */
    private static String fingerprint(RunResult r) {
        StringBuilder sb = new StringBuilder();
        OutcomeLog log = r.outcomes();
        for (int i = 0; i < log.size(); i++) {
            sb.append(log.at(i)).append(',').append(log.stamped(i)).append(',').append(log.population(i)).append(',')
                    .append(log.account(i)).append(',').append(log.planned(i)).append(',').append(log.obtained(i))
                    .append(',').append(log.status(i)).append('\n');
        }
        r.observed().stream().map(Object::toString).sorted().forEach(o -> sb.append(o).append('\n'));
        new TreeMap<>(r.entityOf()).forEach((a, e) -> sb.append(a).append("->").append(e).append('\n'));
        new TreeMap<>(r.riskOf()).forEach((a, v) -> sb.append(a).append(" risk ").append(Double.toHexString(v))
                .append('\n'));
        new TreeMap<>(r.signalsOf()).forEach((a, m) -> new TreeMap<>(m).forEach((s, v) -> sb.append(a).append(' ')
                .append(s).append(' ').append(Double.toHexString(v)).append('\n')));
        return sb.toString();
    }

    private static String withoutWallTime(Path reportJson) throws Exception {
        return Files.readString(reportJson).replaceAll("\"(wall_s|requests_per_s)\" : [0-9.Ee+-]+", "\"$1\" : 0");
    }
}
