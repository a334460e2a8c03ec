package io.distillguard.sim.run;

import io.distillguard.sim.behaviour.Behaviour;
import io.distillguard.sim.behaviour.Behaviours;
import io.distillguard.sim.behaviour.SimRequest;
import io.distillguard.sim.behaviour.Turn;
import io.distillguard.sim.scenario.AccountAttributes;
import io.distillguard.sim.scenario.PopulationSpec;
import io.distillguard.sim.scenario.Scenario;
import io.distillguard.sim.source.Arrival;
import io.distillguard.registry.Registry;
import io.distillguard.time.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a scenario through the real gateway over HTTP on loopback. In virtual time: the gateway starts in this JVM on
 * a {@link VirtualClock}; requests are sent in event-time order, pipelined (up to {@code concurrency} in flight),
 * with the clock moved to each request's slice start ({@code scenario.slice}) as it is sent; every
 * {@code drain_every} of virtual time is a barrier: all replies are awaited, metering and detection catch up and
 * pending entities are scored, so that decisions reach later requests at the same virtual times run after run. {@link #startRealTime} paces a scenario on the wall clock against a running
 * gateway (the demo).
 */
public final class ScenarioRunner {
    private final ScenarioPlan plan;
    private final Consumer<String> progress;

    public ScenarioRunner(ScenarioPlan plan, Consumer<String> progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /** Runs the plan against {@code defence} with a fresh gateway whose data lives under {@code workDir}. */
    public RunResult run(Defence defence, Path workDir) throws Exception {
        Scenario s = plan.scenario();
        VirtualClock clock = new VirtualClock(plan.firstSignupMs() - 60_000);
        Path dataDir = Files.createDirectories(workDir.resolve(defence.label()));
        Path asns = AsnDatabaseFile.write(s, dataDir);
        try (InProcessGateway gw = InProcessGateway.start(defence, dataDir, clock, asns)) {
            List<List<SimAccount>> accounts = Provisioner.provision(plan, gw.app().registry(), clock, gw::keyCreated);
            allowlist(gw, accounts);
            clock.advanceTo(s.startMs());
            long t0 = System.nanoTime();
            OutcomeLog log = new OutcomeLog();
            try (LoopbackSender sender = new LoopbackSender(gw.app().baseUrl(), s.concurrency(),
                    InProcessGateway.FINGERPRINT_HEADER)) {
                drive(accounts, sender, log, clock, gw);
            }
            clock.advanceTo(s.endMs());
            gw.drain(s.endMs());
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            return collect(defence, gw, accounts, log, wallMs);
        }
    }

    private void allowlist(InProcessGateway gw, List<List<SimAccount>> accounts) throws Exception {
        for (PopulationPlan p : plan.populations()) {
            if (p.spec().allowlisted()) {
                List<String> ids = accounts.get(p.index()).stream().map(SimAccount::accountId).toList();
                gw.app().detection().query(engine -> {
                    ids.forEach(engine.linker()::allowlist);
                    return true;
                }).get(60, TimeUnit.SECONDS);
            }
        }
    }

    private void drive(List<List<SimAccount>> accounts, LoopbackSender sender, OutcomeLog log, VirtualClock clock,
            InProcessGateway gw) throws Exception {
        Scenario s = plan.scenario();
        long slice = s.slice().millis();
        long drainEvery = s.drainEvery().millis();
        RequestFactory factory = new RequestFactory(plan, accounts);
        TrafficMerge merge = new TrafficMerge(plan.populations());
        Semaphore inFlight = new Semaphore(s.concurrency());
        long nextDrain = s.startMs() + drainEvery;
        long nextReport = System.currentTimeMillis() + 10_000;
        List<Pending> window = new ArrayList<>();
        while (merge.hasNext()) {
            long at = merge.peekTime();
            if (at >= nextDrain) { // barrier: everything sent so far answered, metered and seen by detection
                settle(window, log);
                clock.advanceTo(nextDrain);
                gw.drain(nextDrain);
                nextDrain = at - Math.floorMod(at - s.startMs(), drainEvery) + drainEvery;
            }
            clock.advanceTo(at - Math.floorMod(at - s.startMs(), slice));
            inFlight.acquire();
            int[] next = merge.next();
            Pending p = factory.send(next[0], next[1], sender);
            p.reply().whenComplete((r, e) -> inFlight.release());
            window.add(p);
            if (System.currentTimeMillis() > nextReport) {
                nextReport = System.currentTimeMillis() + 10_000;
                progress.accept(String.format("%s: %d requests sent, virtual time %s", s.name(),
                        log.size() + window.size(), java.time.Instant.ofEpochMilli(at)));
            }
        }
        settle(window, log);
    }

    /** Waits for every pending reply and logs them in planned order. */
    private static void settle(List<Pending> window, OutcomeLog log) throws Exception {
        for (Pending p : window) {
            LoopbackSender.Reply r = p.reply().get(180, TimeUnit.SECONDS);
            log.add(p.atMs(), p.population(), p.account(), p.planned(), r.completionTokens(), r.status());
        }
        window.clear();
    }

    private RunResult collect(Defence defence, InProcessGateway gw, List<List<SimAccount>> accounts, OutcomeLog log,
            long wallMs) throws Exception {
        Map<String, String> entityOf = new HashMap<>();
        Map<String, Double> riskOf = new HashMap<>();
        Map<String, Map<String, Double>> signalsOf = new HashMap<>();
        for (List<SimAccount> pop : accounts) {
            for (SimAccount a : pop) {
                String entity = gw.app().detection().resolver().entityOf(a.accountId());
                entity = entity == null ? a.accountId() : entity;
                entityOf.put(a.accountId(), entity);
                var risk = gw.app().detection().risk(entity);
                riskOf.put(a.accountId(), risk == null ? 0.0 : risk.score());
                Map<String, Double> readings = new java.util.TreeMap<>();
                if (risk != null) {
                    risk.breakdown().forEach(c -> readings.put(c.reading().signal(), c.reading().score()));
                }
                signalsOf.put(a.accountId(), readings);
            }
        }
        Set<String> alerted = new HashSet<>();
        gw.observed().forEach(o -> {
            if (o instanceof Observed.AlertSeen a) {
                alerted.add(a.entityId());
            }
        });
        Map<String, Set<String>> members = gw.app().detection().query(engine -> {
            Map<String, Set<String>> m = new HashMap<>();
            alerted.forEach(e -> m.put(e, Set.copyOf(engine.linker().members(e))));
            return m;
        }).get(60, TimeUnit.SECONDS);
        return new RunResult(defence, plan, accounts, log, gw.observed(), entityOf, riskOf, signalsOf, members, wallMs);
    }

    /** One request on its way. */
    record Pending(long atMs, int population, int account, int planned,
            CompletableFuture<LoopbackSender.Reply> reply) {
    }

    /** Builds each request from its population's behaviour, in planned order, with a per-request random source. */
    static final class RequestFactory {
        private final ScenarioPlan plan;
        private final List<List<SimAccount>> accounts;
        private final List<Behaviour> behaviours = new ArrayList<>();
        private final long[][] accountSeq;

        RequestFactory(ScenarioPlan plan, List<List<SimAccount>> accounts) {
            this.plan = plan;
            this.accounts = accounts;
            this.accountSeq = new long[plan.populations().size()][];
            for (PopulationPlan p : plan.populations()) {
                behaviours.add(Behaviours.create(p.spec().behaviour()));
                accountSeq[p.index()] = new long[p.accounts().size()];
            }
        }

        Pending send(int pop, int index, LoopbackSender sender) {
            PopulationPlan p = plan.populations().get(pop);
            PopulationSpec spec = p.spec();
            Arrival a = p.arrivals().get(index);
            SimAccount account = accounts.get(pop).get(a.account());
            long seq = accountSeq[pop][a.account()]++;
            SplittableRandom rnd = new SplittableRandom(p.salt() ^ (index + 1) * 0xD6E8FEB86659FD93L);
            SimRequest req = behaviours.get(pop).next(new Turn(a.atMs(), a.account(), index, seq, a.outputTokens(),
                    plan.scenario().startMs(), p.prompts(), p.mix()), rnd);
            AccountAttributes attrs = spec.attributes();
            String key = account.keySecrets().get((int) (seq % account.keySecrets().size()));
            String ip = AccountFactory.ip(attrs.ip(), a.account(), seq, p.salt());
            String ua = AccountAttributes.fill(attrs.userAgent(), spec.name(), a.account());
            String fp = AccountAttributes.fill(attrs.fingerprint(), spec.name(), a.account());
            return new Pending(a.atMs(), pop, a.account(), req.plannedOutputTokens(),
                    sender.send(req, key, ip, ua, fp));
        }
    }

    /**
     * Starts {@code scenario} in real time against a running gateway at {@code baseUrl} whose registry is
     * {@code registry} (accounts and keys are created there at once; the scenario's start is now). Returns a handle
     * that stops it.
     */
    public static RealTimeRun startRealTime(Scenario scenario, String baseUrl, Registry registry) {
        Scenario now = new Scenario(scenario.name(), scenario.seed(), java.time.Instant.now(), scenario.duration(),
                scenario.slice(), scenario.drainEvery(), scenario.concurrency(), scenario.tiers(),
                scenario.populations());
        ScenarioPlan plan = ScenarioPlan.of(now);
        List<List<SimAccount>> accounts = Provisioner.provision(plan, registry, null, (k, a) -> { });
        return RealTimeRun.start(plan, accounts, new RequestFactory(plan, accounts), baseUrl);
    }
}
