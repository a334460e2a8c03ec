package io.distillguard.sim.report;

import io.distillguard.sim.run.Observed;
import io.distillguard.sim.run.OutcomeLog;
import io.distillguard.sim.run.PopulationPlan;
import io.distillguard.sim.run.RunResult;
import io.distillguard.sim.run.SimAccount;
import io.distillguard.sim.scenario.Label;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * plots.html: for each defence, tokens obtained over virtual time per population (cumulative, with the first alert
 * and first action on each marked), and the distribution of final entity risk over benign and attacking accounts.
 * Self-contained (inline SVG, no scripts).
 */
final class PlotPage {
    static final int BUCKETS = 120;

    private PlotPage() {
    }

    static String html(ScenarioReport report, List<RunResult> runs) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(Svg.escape(report.scenario())).append("</title><style>body{font-family:sans-serif;"
                        + "max-width:1000px;margin:auto}svg{background:#fff;border:1px solid #ddd}</style></head>"
                        + "<body><h1>Scenario ").append(Svg.escape(report.scenario())).append("</h1>");
        for (RunResult r : runs) {
            DefenceResult d = report.defences().get(r.defence().label());
            h.append("<h2>Defence: ").append(r.defence().label()).append("</h2>");
            h.append(tokensOverTime(r, d));
            h.append(riskHistogram(r));
        }
        return h.append("</body></html>").toString();
    }

    private static String tokensOverTime(RunResult r, DefenceResult d) {
        long start = r.plan().scenario().startMs();
        long span = r.plan().scenario().duration().millis();
        int pops = r.plan().populations().size();
        double[][] cum = new double[pops][BUCKETS];
        OutcomeLog log = r.outcomes();
        for (int i = 0; i < log.size(); i++) {
            if (log.status(i) == 200) {
                int b = (int) Math.min(BUCKETS - 1, (log.at(i) - start) * BUCKETS / span);
                cum[log.population(i)][b] += log.obtained(i);
            }
        }
        List<Svg.Series> series = new ArrayList<>();
        Map<Integer, List<double[]>> marks = markers(r, start, span);
        for (PopulationPlan p : r.plan().populations()) {
            double[] c = cum[p.index()];
            double planned = d.populations().get(p.index()).tokensPlanned();
            for (int b = 1; b < BUCKETS; b++) {
                c[b] += c[b - 1];
            }
            for (int b = 0; b < BUCKETS; b++) {
                c[b] = planned == 0 ? 0 : c[b] / planned;
            }
            series.add(new Svg.Series(p.name() + " (" + p.spec().label().text() + ")", c,
                    p.spec().label() == Label.ATTACK, marks.getOrDefault(p.index(), List.of())));
        }
        return Svg.lines("Share of planned output tokens obtained over virtual time (x: 0 to "
                + span / 3_600_000 + " h; ▲ first alert, ■ first action)", series);
    }

    /** Per population: {bucket, kind} markers of its first alert (0) and first action (1). */
    private static Map<Integer, List<double[]>> markers(RunResult r, long start, long span) {
        Map<String, Integer> popOf = new HashMap<>();
        for (List<SimAccount> accts : r.accounts()) {
            accts.forEach(a -> popOf.put(a.accountId(), a.population()));
        }
        Map<Integer, Long> alert = new HashMap<>();
        Map<Integer, Long> action = new HashMap<>();
        for (Observed o : r.observed()) {
            List<String> accounts = new ArrayList<>();
            Map<Integer, Long> target;
            if (o instanceof Observed.AlertSeen a) {
                accounts.addAll(a.accounts());
                accounts.addAll(r.alertMembers().getOrDefault(a.entityId(), java.util.Set.of()));
                target = alert;
            } else if (o instanceof Observed.DecisionSeen dec && dec.severity() >= ReportBuilder.ACTION) {
                accounts.addAll(dec.accounts());
                target = action;
            } else {
                continue;
            }
            for (String acct : accounts) {
                Integer pop = popOf.get(acct);
                if (pop != null) {
                    target.merge(pop, o.atMs(), Math::min);
                }
            }
        }
        Map<Integer, List<double[]>> out = new HashMap<>();
        alert.forEach((p, t) -> out.computeIfAbsent(p, k -> new ArrayList<>())
                .add(new double[] {(t - start) * (double) BUCKETS / span, 0}));
        action.forEach((p, t) -> out.computeIfAbsent(p, k -> new ArrayList<>())
                .add(new double[] {(t - start) * (double) BUCKETS / span, 1}));
        return out;
    }

    private static String riskHistogram(RunResult r) {
        int bins = 20;
        double[][] counts = new double[2][bins];
        for (PopulationPlan p : r.plan().populations()) {
            int row = p.spec().label() == Label.BENIGN ? 0 : 1;
            for (SimAccount a : r.accounts().get(p.index())) {
                double risk = r.riskOf().getOrDefault(a.accountId(), 0.0);
                counts[row][(int) Math.min(bins - 1, risk * bins)]++;
            }
        }
        for (double[] row : counts) {
            double total = java.util.Arrays.stream(row).sum();
            for (int i = 0; i < bins; i++) {
                row[i] = total == 0 ? 0 : row[i] / total;
            }
        }
        return Svg.bars("Final entity risk of accounts: share per risk bin (0 to 1), benign vs attack",
                List.of("benign", "attack"), counts);
    }
}
