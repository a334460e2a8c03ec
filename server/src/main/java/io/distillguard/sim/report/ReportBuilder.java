package io.distillguard.sim.report;

import io.distillguard.policy.decision.Severity;
import io.distillguard.sim.run.Observed;
import io.distillguard.sim.run.OutcomeLog;
import io.distillguard.sim.run.PopulationPlan;
import io.distillguard.sim.run.RunResult;
import io.distillguard.sim.run.SimAccount;
import io.distillguard.sim.scenario.Label;
import io.distillguard.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns runs (one per defence) into a {@link ScenarioReport} by joining what the gateway did (alerts, decisions,
 * entities, served tokens) with the harness's ground truth. An alert or decision reaches an account when it names the
 * account, or when it is about an entity that the account belongs to at the end of the run.
 */
public final class ReportBuilder {
    static final int ACTION = Severity.DEGRADE.ordinal();
    static final int BLOCK = Severity.REQUIRE_VERIFICATION.ordinal();

    private ReportBuilder() {
    }

    public static ScenarioReport build(List<RunResult> runs) {
        RunResult first = runs.getFirst();
        Scenario s = first.plan().scenario();
        Map<String, DefenceResult> defences = new LinkedHashMap<>();
        for (RunResult r : runs) {
            defences.put(r.defence().label(), defence(r));
        }
        DefenceResult primary = defences.getOrDefault("full", defences.get(runs.getLast().defence().label()));
        int accounts = first.accounts().stream().mapToInt(List::size).sum();
        return new ScenarioReport(s.name(), s.seed(), s.start().toString(), s.duration().millis() / 1000.0,
                first.plan().requests(), accounts, primary.defence(), primary.populations(), defences);
    }

    static DefenceResult defence(RunResult r) {
        Map<String, Long> firstAlert = new HashMap<>();
        Map<String, Long> firstAction = new HashMap<>();
        Map<String, Long> firstBlock = new HashMap<>();
        Map<String, Long> decisions = new TreeMap<>();
        long alerts = 0;
        for (Observed o : r.observed()) {
            switch (o) {
                case Observed.AlertSeen a -> {
                    alerts++;
                    reach(a.accounts(), "entity:" + a.entityId(), r, a.atMs(), firstAlert);
                }
                case Observed.DecisionSeen d -> {
                    decisions.merge(d.action(), 1L, Long::sum);
                    if (d.severity() >= ACTION) {
                        reach(d.accounts(), d.scope(), r, d.atMs(), firstAction);
                    }
                    if (d.severity() >= BLOCK) {
                        reach(d.accounts(), d.scope(), r, d.atMs(), firstBlock);
                    }
                }
            }
        }
        List<PopulationResult> pops = new ArrayList<>();
        for (PopulationPlan p : r.plan().populations()) {
            pops.add(population(r, p, firstAlert, firstAction, firstBlock));
        }
        return new DefenceResult(r.defence().label(), r.outcomes().size(), r.wallMs() / 1000.0,
                Math.round(r.requestsPerSecond() * 10) / 10.0, pops, linking(r, null), linkingByCampaign(r),
                summary(r, pops, firstAlert, firstAction), decisions, alerts, risk(r), signals(r), timing(r));
    }

    private static DefenceResult.Timing timing(RunResult r) {
        long stamped = 0;
        long max = 0;
        double sum = 0;
        for (int i = 0; i < r.outcomes().size(); i++) {
            if (r.outcomes().stamped(i) != 0) {
                long skew = Math.abs(r.outcomes().stamped(i) - r.outcomes().at(i));
                stamped++;
                max = Math.max(max, skew);
                sum += skew;
            }
        }
        return new DefenceResult.Timing(stamped, max, stamped == 0 ? 0 : Math.round(sum / stamped * 10) / 10.0);
    }

    /** Records {@code atMs} as the first time for every account named, or in the scoped entity at the end. */
    private static void reach(List<String> named, String scope, RunResult r, long atMs, Map<String, Long> first) {
        Set<String> accounts = new HashSet<>(named);
        if (scope.startsWith("entity:")) {
            accounts.addAll(r.alertMembers().getOrDefault(scope.substring("entity:".length()), Set.of()));
        } else if (scope.startsWith("account:")) {
            accounts.add(scope.substring("account:".length()));
        }
        accounts.forEach(a -> first.merge(a, atMs, Math::min));
    }

    private static PopulationResult population(RunResult r, PopulationPlan p, Map<String, Long> firstAlert,
            Map<String, Long> firstAction, Map<String, Long> firstBlock) {
        List<SimAccount> accounts = r.accounts().get(p.index());
        long detectAt = earliest(accounts, firstAlert);
        long actionAt = earliest(accounts, firstAction);
        long blockAt = earliest(accounts, firstBlock);
        OutcomeLog log = r.outcomes();
        long requests = 0, served = 0, refused = 0, planned = 0, obtained = 0, beforeAction = 0, beforeBlock = 0;
        long firstRequest = Long.MAX_VALUE;
        for (int i = 0; i < log.size(); i++) {
            if (log.population(i) != p.index()) {
                continue;
            }
            requests++;
            firstRequest = Math.min(firstRequest, log.at(i));
            planned += log.planned(i);
            if (log.status(i) == 200) {
                served++;
                obtained += log.obtained(i);
                beforeAction += log.at(i) < actionAt ? log.obtained(i) : 0;
                beforeBlock += log.at(i) < blockAt ? log.obtained(i) : 0;
            } else {
                refused++;
            }
        }
        Map<String, Integer> entitySizes = new HashMap<>();
        accounts.forEach(a -> entitySizes.merge(r.entityOf().get(a.accountId()), 1, Integer::sum));
        int largest = entitySizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Double ttd = detectAt == Long.MAX_VALUE ? null
                : Math.max(0, detectAt - (firstRequest == Long.MAX_VALUE ? detectAt : firstRequest)) / 1000.0;
        return new PopulationResult(p.name(), p.spec().label().text(), p.spec().campaign(),
                p.spec().behaviour().type().text(), accounts.size(), requests, served, refused, planned, obtained,
                share(obtained, planned), detectAt != Long.MAX_VALUE, ttd, beforeAction, share(beforeAction, planned),
                beforeBlock, count(accounts, firstAlert), count(accounts, firstAction), count(accounts, firstBlock),
                entitySizes.size(), accounts.isEmpty() ? 0 : largest / (double) accounts.size());
    }

    private static long earliest(List<SimAccount> accounts, Map<String, Long> first) {
        return accounts.stream().mapToLong(a -> first.getOrDefault(a.accountId(), Long.MAX_VALUE)).min()
                .orElse(Long.MAX_VALUE);
    }

    private static int count(List<SimAccount> accounts, Map<String, Long> first) {
        return (int) accounts.stream().filter(a -> first.containsKey(a.accountId())).count();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 1e6 / whole) / 1e6;
    }

    /** Linking quality over all accounts, or over one campaign's accounts plus every benign account. */
    private static LinkingQuality linking(RunResult r, String campaign) {
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (PopulationPlan p : r.plan().populations()) {
            boolean include = campaign == null || p.spec().label() == Label.BENIGN
                    || campaign.equals(p.spec().campaign());
            if (include) {
                for (SimAccount a : r.accounts().get(p.index())) {
                    truth.add(a.trueEntity());
                    predicted.add(r.entityOf().get(a.accountId()));
                }
            }
        }
        return LinkingQuality.of(truth, predicted);
    }

    private static Map<String, LinkingQuality> linkingByCampaign(RunResult r) {
        Map<String, LinkingQuality> out = new TreeMap<>();
        for (PopulationPlan p : r.plan().populations()) {
            if (p.spec().label() == Label.ATTACK && p.accounts().size() > 1) {
                out.computeIfAbsent(p.spec().campaign(), c -> linking(r, c));
            }
        }
        return out;
    }

    private static DefenceResult.Summary summary(RunResult r, List<PopulationResult> pops, Map<String, Long> alerted,
            Map<String, Long> actioned) {
        int benign = 0, benignAlerted = 0, benignActioned = 0;
        for (PopulationPlan p : r.plan().populations()) {
            if (p.spec().label() == Label.BENIGN) {
                for (SimAccount a : r.accounts().get(p.index())) {
                    benign++;
                    benignAlerted += alerted.containsKey(a.accountId()) ? 1 : 0;
                    benignActioned += actioned.containsKey(a.accountId()) ? 1 : 0;
                }
            }
        }
        List<PopulationResult> attacks = pops.stream().filter(p -> p.label().equals("attack")).toList();
        return new DefenceResult.Summary(benign, benignAlerted, benignActioned, share(benignAlerted, benign),
                share(benignActioned, benign), attacks.size(),
                (int) attacks.stream().filter(PopulationResult::detected).count(),
                median(attacks.stream().mapToDouble(PopulationResult::shareBeforeFirstAction).toArray()),
                median(attacks.stream().mapToDouble(PopulationResult::shareObtained).toArray()));
    }

    private static Map<String, DefenceResult.RiskStats> risk(RunResult r) {
        Map<String, DefenceResult.RiskStats> out = new TreeMap<>();
        for (Label label : Label.values()) {
            double[] v = r.plan().populations().stream().filter(p -> p.spec().label() == label)
                    .flatMap(p -> r.accounts().get(p.index()).stream())
                    .mapToDouble(a -> r.riskOf().getOrDefault(a.accountId(), 0.0)).sorted().toArray();
            if (v.length > 0) {
                out.put(label.text(), new DefenceResult.RiskStats(v.length, quantile(v, 0.5), quantile(v, 0.9),
                        quantile(v, 0.99), v[v.length - 1]));
            }
        }
        return out;
    }

    private static Map<String, Map<String, Double>> signals(RunResult r) {
        Map<String, Map<String, Double>> out = new java.util.LinkedHashMap<>();
        for (PopulationPlan p : r.plan().populations()) {
            Map<String, Double> max = new TreeMap<>();
            for (var a : r.accounts().get(p.index())) {
                r.signalsOf().getOrDefault(a.accountId(), Map.of())
                        .forEach((signal, score) -> max.merge(signal, Math.round(score * 1e4) / 1e4, Math::max));
            }
            out.put(p.name(), max);
        }
        return out;
    }

    static double quantile(double[] sorted, double q) {
        return Math.round(sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 1e4) / 1e4;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
