package io.distillguard.sim.run;

import io.distillguard.policy.decision.Severity;
import io.distillguard.registry.Tier;
import io.distillguard.sim.scenario.PopulationSpec;
import io.distillguard.sim.scenario.Scenario;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a scenario against a gateway that is already running elsewhere ({@code simulate --url}): provisions the
 * scenario's tiers, organisations, accounts and keys through the gateway's admin API, sends the traffic over HTTP on
 * the wall clock ({@code speed} times faster than planned: a request planned {@code t} after the scenario's start
 * is sent {@code t / speed} after the run's start, the scenario's start being now), and builds the result from what
 * it observes: each reply's status and usage, then the gateway's alerts, entities (members, risk) and decisions in
 * force read from the admin API. Times the gateway reports are mapped back onto the scenario's timeline.
 */
public final class RemoteRun {
    private final String baseUrl;
    private final RemoteAdmin admin;
    private final double speed;
    private final long settleMs;
    private final Consumer<String> progress;

    /** {@code speed}: scenario seconds per wall second (1 = real time); {@code settleMs}: wait for detection at the end. */
    public RemoteRun(String baseUrl, RemoteAdmin admin, double speed, long settleMs, Consumer<String> progress) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0: " + speed);
        }
        this.baseUrl = baseUrl;
        this.admin = admin;
        this.speed = speed;
        this.settleMs = settleMs;
        this.progress = progress;
    }

    /** The scenario rebased to start now (wall clock), planned. */
    public static ScenarioPlan planFromNow(Scenario s, long nowMs) {
        return ScenarioPlan.of(new Scenario(s.name(), s.seed(), Instant.ofEpochMilli(nowMs), s.duration(), s.slice(),
                s.drainEvery(), s.concurrency(), s.tiers(), s.populations()));
    }

    public RunResult run(ScenarioPlan plan) throws Exception {
        List<List<SimAccount>> accounts = provision(plan);
        for (PopulationPlan p : plan.populations()) {
            if (p.spec().allowlisted()) {
                for (SimAccount a : accounts.get(p.index())) {
                    admin.post("/detection/accounts/" + RemoteAdmin.q(a.accountId()) + "/allowlist",
                            new JsonObject().put("reason", "scenario " + plan.scenario().name() + ": allowlisted")
                                    .put("operator", "distillguard-simulate"));
                }
            }
        }
        long start = plan.scenario().startMs();
        long wallStart = System.currentTimeMillis();
        OutcomeLog log = new OutcomeLog();
        drive(plan, accounts, log, wallStart);
        Thread.sleep(settleMs);
        long wallMs = System.currentTimeMillis() - wallStart;
        return collect(plan, accounts, log, wallMs, ms -> start + Math.round((ms - wallStart) * speed));
    }

    private List<List<SimAccount>> provision(ScenarioPlan plan) throws Exception {
        for (Tier t : plan.tiers()) {
            admin.put("/tiers/" + RemoteAdmin.q(t.name()), new JsonObject()
                    .put("requests_per_minute", t.requestsPerMinute())
                    .put("input_tokens_per_minute", t.inputTokensPerMinute())
                    .put("output_tokens_per_minute", t.outputTokensPerMinute())
                    .put("output_tokens_per_day", t.outputTokensPerDay())
                    .put("max_tokens_ceiling", t.maxTokensCeiling()));
        }
        List<SimAccount> all = new ArrayList<>();
        plan.populations().forEach(p -> all.addAll(p.accounts()));
        all.sort(Comparator.comparingLong(SimAccount::signupMs).thenComparing(SimAccount::accountId));
        List<List<SimAccount>> out = new ArrayList<>();
        plan.populations().forEach(p -> out.add(new ArrayList<>(Collections.nCopies(p.accounts().size(),
                (SimAccount) null))));
        Set<String> orgs = new HashSet<>();
        for (SimAccount a : all) {
            PopulationSpec spec = plan.populations().get(a.population()).spec();
            if (orgs.add(a.orgId())) {
                admin.create("/orgs", new JsonObject().put("id", a.orgId()).put("name", a.orgId()));
            }
            admin.create("/accounts", new JsonObject().put("id", a.accountId()).put("org_id", a.orgId())
                    .put("tier", spec.tier()).put("email_domain", a.emailDomain())
                    .put("payment_fingerprint_hash", a.paymentFingerprint())
                    .put("signup_path", spec.attributes().signupPath()).put("verified", spec.attributes().verified()));
            List<String> secrets = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < spec.keysPerAccount(); k++) {
                String keyId = ("k_" + a.accountId() + "_" + k).replaceAll("[^A-Za-z0-9_]", "_") + "_"
                        + Long.toString(System.nanoTime() & 0xffffff, 36);
                JsonObject issued = admin.post("/accounts/" + RemoteAdmin.q(a.accountId()) + "/keys",
                        new JsonObject().put("id", keyId).put("name", "sim"));
                secrets.add(issued.getString("secret"));
                ids.add(issued.getString("id"));
            }
            out.get(a.population()).set(a.index(), new SimAccount(a.population(), a.index(), a.accountId(),
                    a.orgId(), secrets, ids, a.trueEntity(), a.signupMs(), a.paymentFingerprint(), a.emailDomain()));
        }
        progress.accept(String.format(Locale.ROOT, "%s: provisioned %d accounts through %s", plan.scenario().name(),
                all.size(), "the admin API"));
        return out;
    }

    private void drive(ScenarioPlan plan, List<List<SimAccount>> accounts, OutcomeLog log, long wallStart)
            throws Exception {
        Scenario s = plan.scenario();
        ScenarioRunner.RequestFactory factory = new ScenarioRunner.RequestFactory(plan, accounts);
        TrafficMerge merge = new TrafficMerge(plan.populations());
        Semaphore inFlight = new Semaphore(s.concurrency());
        List<ScenarioRunner.Pending> sent = new ArrayList<>();
        long nextReport = System.currentTimeMillis() + 10_000;
        try (LoopbackSender sender = new LoopbackSender(baseUrl, s.concurrency(), InProcessGateway.FINGERPRINT_HEADER)) {
            while (merge.hasNext()) {
                long due = wallStart + (long) ((merge.peekTime() - s.startMs()) / speed);
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(Math.min(wait, 200));
                    continue;
                }
                inFlight.acquire();
                int[] next = merge.next();
                ScenarioRunner.Pending p = factory.sendUnstamped(next[0], next[1], sender);
                p.reply().whenComplete((r, e) -> inFlight.release());
                sent.add(p);
                if (System.currentTimeMillis() > nextReport) {
                    nextReport = System.currentTimeMillis() + 10_000;
                    progress.accept(String.format(Locale.ROOT, "%s: %d requests sent", s.name(), sent.size()));
                }
            }
            for (ScenarioRunner.Pending p : sent) {
                LoopbackSender.Reply r;
                try {
                    r = p.reply().get(180, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    r = new LoopbackSender.Reply(0, 0); // no answer (connection refused or reset): status 0
                }
                log.add(p.atMs(), p.population(), p.account(), p.planned(), r.completionTokens(), r.status());
            }
        }
    }

    private RunResult collect(ScenarioPlan plan, List<List<SimAccount>> accounts, OutcomeLog log, long wallMs,
            java.util.function.LongUnaryOperator toScenarioTime) throws Exception {
        int accountCount = accounts.stream().mapToInt(List::size).sum();
        Set<String> ours = new HashSet<>();
        accounts.forEach(pop -> pop.forEach(a -> ours.add(a.accountId())));
        List<Observed> observed = new ArrayList<>();
        Set<String> entities = new LinkedHashSet<>();
        for (Object o : RemoteAdmin.data(admin.get("/detection/alerts?limit=100000"))) {
            JsonObject a = (JsonObject) o;
            List<String> named = strings(a.getJsonArray("accounts"));
            if (named.stream().noneMatch(ours::contains)) {
                continue; // another tenant's alert on a shared gateway
            }
            List<String> signals = new ArrayList<>();
            for (Object c : a.getJsonArray("signals", new JsonArray())) {
                JsonObject sc = (JsonObject) c;
                if (sc.getDouble("contribution", 0.0) > 0) {
                    signals.add(sc.getJsonObject("reading").getString("signal"));
                }
            }
            entities.add(a.getString("entityId"));
            observed.add(new Observed.AlertSeen(toScenarioTime.applyAsLong(a.getLong("updatedAtMs")),
                    a.getString("entityId"), a.getDouble("score"), named, signals));
        }
        Map<String, String> entityOf = new HashMap<>();
        Map<String, Double> riskOf = new HashMap<>();
        Map<String, Map<String, Double>> signalsOf = new HashMap<>();
        Map<String, Set<String>> members = new HashMap<>();
        for (Object o : RemoteAdmin.data(admin.get("/detection/entities?limit=" + Math.max(accountCount * 2, 50)))) {
            entities.add(((JsonObject) o).getString("entityId"));
        }
        for (String entity : entities) {
            JsonObject e;
            try {
                e = admin.get("/detection/entities/" + RemoteAdmin.q(entity));
            } catch (RemoteAdmin.AdminError gone) {
                continue; // merged away since it was listed
            }
            Set<String> m = new LinkedHashSet<>(strings(e.getJsonArray("accounts")));
            m.retainAll(ours);
            if (m.isEmpty()) {
                continue;
            }
            members.put(entity, m);
            JsonObject risk = e.getJsonObject("risk");
            Map<String, Double> readings = new TreeMap<>();
            if (risk != null) {
                for (Object c : risk.getJsonArray("breakdown", new JsonArray())) {
                    JsonObject reading = ((JsonObject) c).getJsonObject("reading");
                    readings.put(reading.getString("signal"), reading.getDouble("score"));
                }
            }
            for (String account : m) {
                entityOf.put(account, entity);
                riskOf.put(account, risk == null ? 0.0 : risk.getDouble("score"));
                signalsOf.put(account, readings);
            }
        }
        for (String account : ours) {
            entityOf.putIfAbsent(account, account);
            riskOf.putIfAbsent(account, 0.0);
            signalsOf.putIfAbsent(account, Map.of());
        }
        observed.addAll(decisions(ours, entities, toScenarioTime));
        observed.sort(Comparator.comparingLong(Observed::atMs));
        Map<String, Set<String>> alertMembers = new LinkedHashMap<>();
        observed.forEach(o -> {
            if (o instanceof Observed.AlertSeen a) {
                alertMembers.put(a.entityId(), members.getOrDefault(a.entityId(), Set.copyOf(a.accounts())));
            }
        });
        return new RunResult(Defence.REMOTE, plan, accounts, log, observed, entityOf, riskOf, signalsOf,
                alertMembers, wallMs);
    }

    /** Decisions in force on the scenario's accounts and entities (expired ones are no longer listed). */
    private List<Observed> decisions(Set<String> accounts, Set<String> entities,
            java.util.function.LongUnaryOperator toScenarioTime) throws Exception {
        Map<String, Observed> byId = new LinkedHashMap<>();
        List<String[]> scopes = new ArrayList<>();
        accounts.stream().sorted().forEach(a -> scopes.add(new String[] {"account", a}));
        entities.forEach(e -> scopes.add(new String[] {"entity", e}));
        for (String[] scope : scopes) {
            JsonObject answer = admin.get("/actions?scope=" + scope[0] + "&id=" + RemoteAdmin.q(scope[1]));
            for (Object o : answer.getJsonArray("enforced", new JsonArray())) {
                JsonObject d = (JsonObject) o;
                String action = d.getString("action");
                int severity = Severity.valueOf(action.toUpperCase(Locale.ROOT)).ordinal();
                JsonObject evidence = d.getJsonObject("evidence", new JsonObject());
                List<String> named = strings(evidence.getJsonArray("accounts"));
                if (named.isEmpty() && scope[0].equals("account")) {
                    named = List.of(scope[1]);
                }
                byId.putIfAbsent(d.getString("id"), new Observed.DecisionSeen(
                        toScenarioTime.applyAsLong(Instant.parse(d.getString("issued_at")).toEpochMilli()),
                        action, severity, d.getString("scope"), named));
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a != null) {
            a.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
