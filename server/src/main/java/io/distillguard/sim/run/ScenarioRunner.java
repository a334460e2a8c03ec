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
 * a {@link VirtualClock}; requests are sent in planned order, pipelined (up to {@code concurrency} in flight), each
 * carrying its planned time, which the gateway's {@link io.distillguard.gateway.RequestTimeClock} stamps on it and
 * its quota checks read, whatever else is in flight. Requests sharing an organisation or entity (as linking saw it at
 * the last barrier) are admitted in planned order: each is sent at once, and the gateway holds its admission until the
 * earlier ones of its scopes have passed theirs ({@link SequencedQuotas}); quota settlements land at the barrier.
 * Every {@code drain_every} of virtual time (intervals without traffic skipped) is a barrier: every request sent is
 * answered and metered, the clock moves to the barrier, detection sees the interval's events in planned order and
 * scores pending entities, and its alerts and decisions reach the requests planned after the barrier. Same seed,
 * same report. {@link #startRealTime} paces a scenario on the wall clock against a running gateway (the demo).
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
            long p0 = System.nanoTime();
            List<List<SimAccount>> accounts = Provisioner.provision(plan, gw.app().registry(), clock, gw::keyCreated);
            progress.accept(String.format("%s: %d accounts provisioned in %.1f s", s.name(),
                    accounts.stream().mapToInt(List::size).sum(), (System.nanoTime() - p0) / 1e9));
            allowlist(gw, accounts);
            clock.advanceTo(s.startMs());
            long t0 = System.nanoTime();
            OutcomeLog log = new OutcomeLog();
            try (LoopbackSender sender = new LoopbackSender(gw.app().baseUrl(), s.concurrency(),
                    InProcessGateway.FINGERPRINT_HEADER)) {
                drive(accounts, sender, log, clock, gw);
            }
            clock.advanceTo(s.endMs());
            gw.barrier(s.endMs());
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
        long drainEvery = s.drainEvery().millis();
        RequestFactory factory = new RequestFactory(plan, accounts);
        TrafficMerge merge = new TrafficMerge(plan.populations());
        Semaphore inFlight = new Semaphore(s.concurrency());
        Interval interval = new Interval(gw);
        long nextDrain = s.startMs() + drainEvery;
        long nextReport = System.currentTimeMillis() + 10_000;
        long seq = 0;
        while (merge.hasNext()) {
            long at = merge.peekTime();
            if (at >= nextDrain) { // barrier: everything sent so far metered, then seen by detection in planned order
                barrier(interval, log, clock, gw, nextDrain);
                // Intervals without traffic are skipped: nothing would reach detection in them.
                nextDrain = at - Math.floorMod(at - s.startMs(), drainEvery) + drainEvery;
            }
            int[] next = merge.next();
            Pending p = factory.prepare(next[0], next[1], seq++);
            inFlight.acquire();
            CompletableFuture<io.distillguard.event.UsageEvent> metered = gw.held().metered(p.seq());
            metered.whenComplete((e, err) -> inFlight.release());
            // Same org or entity sent earlier in this interval: this one is admitted after that one (quota order =
            // plan order), but it is sent now; the gateway holds its admission (SequencedQuotas).
            CompletableFuture<Void> passed = new CompletableFuture<>();
            gw.sequenced().register(p.seq(), interval.predecessors(p), passed);
            Pending sent = p.send(sender, metered);
            sent.reply().whenComplete((r, err) -> passed.complete(null));
            interval.add(sent, passed);
            if (System.currentTimeMillis() > nextReport) {
                nextReport = System.currentTimeMillis() + 10_000;
                progress.accept(String.format("%s: %d requests sent, virtual time %s", s.name(), seq,
                        java.time.Instant.ofEpochMilli(at)));
            }
        }
        barrier(interval, log, clock, gw, Math.max(clock.millis(), Math.min(nextDrain, s.endMs())));
    }

    /**
     * Waits until every request of the interval is answered and metered, logs them in planned order with the time
     * the gateway stamped on each, moves the clock to {@code atMs} and lets detection see the interval's events.
     */
    private static void barrier(Interval interval, OutcomeLog log, VirtualClock clock, InProcessGateway gw, long atMs)
            throws Exception {
        int first = log.size();
        for (Pending p : interval.window) {
            LoopbackSender.Reply r = p.reply().get(180, TimeUnit.SECONDS);
            log.add(p.atMs(), p.population(), p.account(), p.planned(), r.completionTokens(), r.status());
        }
        for (Pending p : interval.window) {
            try {
                p.metered().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("request " + p.seq() + " answered but never metered", e);
            }
        }
        interval.clear();
        clock.advanceTo(atMs);
        for (io.distillguard.event.UsageEvent e : gw.barrier(atMs)) {
            long seq = HeldEvents.seq(e);
            if (seq >= first) {
                log.stamped((int) seq, e.timestampMs());
            }
        }
    }

    /**
     * The requests sent since the last barrier, and which quota scopes (organisation, and entity as linking saw it at
     * the last barrier, frozen until the next) they occupy while in flight.
     */
    private static final class Interval {
        private final InProcessGateway gw;
        private final List<Pending> window = new ArrayList<>();
        private final Map<String, CompletableFuture<?>> busy = new HashMap<>();
        private final Map<String, String> entityOf = new HashMap<>();

        Interval(InProcessGateway gw) {
            this.gw = gw;
        }

        /** Completes when every earlier request sharing a scope with {@code p} has passed admission. */
        CompletableFuture<?> predecessors(Pending p) {
            List<CompletableFuture<?>> before = new ArrayList<>(2);
            for (String scope : scopes(p)) {
                CompletableFuture<?> f = busy.get(scope);
                if (f != null && !f.isDone()) {
                    before.add(f);
                }
            }
            return before.isEmpty() ? CompletableFuture.completedFuture(null)
                    : before.size() == 1 ? before.getFirst()
                    : CompletableFuture.allOf(before.toArray(CompletableFuture[]::new));
        }

        void add(Pending p, CompletableFuture<Void> passed) {
            window.add(p);
            for (String scope : scopes(p)) {
                busy.put(scope, passed);
            }
        }

        private List<String> scopes(Pending p) {
            String entity = entityOf.computeIfAbsent(p.accountId(), a -> {
                String e = gw.app().detection().resolver().entityOf(a);
                return e == null ? a : e;
            });
            return List.of("o:" + p.orgId(), "e:" + entity);
        }

        void clear() {
            window.clear();
            busy.clear();
            entityOf.clear(); // linking may change at the barrier
        }
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

    /** One request: planned, then on its way ({@code reply} and {@code metered} set by {@link #send}). */
    record Pending(long seq, long atMs, int population, int account, String accountId, String orgId, int planned,
            SimRequest request, String key, String ip, String userAgent, String fingerprint,
            CompletableFuture<LoopbackSender.Reply> reply, CompletableFuture<io.distillguard.event.UsageEvent> metered) {

        /** Sends this request with its planned-time stamp. */
        Pending send(LoopbackSender sender, CompletableFuture<io.distillguard.event.UsageEvent> meteredFuture) {
            var stamp = new io.distillguard.gateway.RequestTimeClock.Stamp(atMs, seq);
            CompletableFuture<LoopbackSender.Reply> answer = sender.send(request, key, ip, userAgent, fingerprint,
                    stamp);
            return new Pending(seq, atMs, population, account, accountId, orgId, planned, null, key, ip, userAgent,
                    fingerprint, answer, meteredFuture);
        }
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

        /** Builds request {@code seq} (the {@code index}-th arrival of population {@code pop}) without sending it. */
        Pending prepare(int pop, int index, long seq) {
            PopulationPlan p = plan.populations().get(pop);
            PopulationSpec spec = p.spec();
            Arrival a = p.arrivals().get(index);
            SimAccount account = accounts.get(pop).get(a.account());
            long accountRequest = accountSeq[pop][a.account()]++;
            SplittableRandom rnd = new SplittableRandom(p.salt() ^ (index + 1) * 0xD6E8FEB86659FD93L);
            SimRequest req = behaviours.get(pop).next(new Turn(a.atMs(), a.account(), index, accountRequest,
                    a.outputTokens(), plan.scenario().startMs(), p.prompts(), p.mix()), rnd);
            AccountAttributes attrs = spec.attributes();
            String key = account.keySecrets().get((int) (accountRequest % account.keySecrets().size()));
            String ip = AccountFactory.ip(attrs.ip(), a.account(), accountRequest, p.salt());
            String ua = AccountAttributes.fill(attrs.userAgent(), spec.name(), a.account());
            String fp = AccountAttributes.fill(attrs.fingerprint(), spec.name(), a.account());
            return new Pending(seq, a.atMs(), pop, a.account(), account.accountId(), account.orgId(),
                    req.plannedOutputTokens(), req, key, ip, ua, fp, null, null);
        }

        /**
         * Builds and sends request {@code index} of population {@code pop} without a planned-time stamp, for a gateway
         * that runs on its own clock (remote mode: the gateway stamps its wall time).
         */
        Pending sendUnstamped(int pop, int index, LoopbackSender sender) {
            Pending p = prepare(pop, index, -1);
            return new Pending(p.seq(), p.atMs(), p.population(), p.account(), p.accountId(), p.orgId(), p.planned(),
                    null, p.key(), p.ip(), p.userAgent(), p.fingerprint(),
                    sender.send(p.request(), p.key(), p.ip(), p.userAgent(), p.fingerprint(), null), null);
        }

        /** Builds and sends a request without a planned-time stamp (real time: the gateway's clock is the wall). */
        CompletableFuture<LoopbackSender.Reply> sendNow(int pop, int index, LoopbackSender sender) {
            Pending p = prepare(pop, index, -1);
            return sender.send(p.request(), p.key(), p.ip(), p.userAgent(), p.fingerprint(), null);
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
