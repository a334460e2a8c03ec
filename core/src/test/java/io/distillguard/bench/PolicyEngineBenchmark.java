package io.distillguard.bench;

import io.distillguard.policy.PolicyEngine;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.file.PolicyLoadResult;
import io.distillguard.policy.file.PolicyLoader;
import io.distillguard.policy.input.AccountContext;
import io.distillguard.policy.input.AlertContext;
import io.distillguard.policy.input.EntityContext;
import io.distillguard.policy.input.KeyContext;
import io.distillguard.policy.input.PolicyInput;
import io.distillguard.policy.input.RequestContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one evaluation of the default policy pack (8 CEL rules): a benign entity (no rule matches) and a
 * high-risk fleet (five rules match, evidence built). Run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main PolicyEngineBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PolicyEngineBenchmark {

    private final Instant now = Instant.parse("2026-03-01T00:00:00Z");
    private PolicyEngine engine;
    private PolicyInput benign;
    private PolicyInput fleet;

    @Setup
    public void setup() {
        engine = new PolicyEngine(((PolicyLoadResult.Loaded) new PolicyLoader()
                .loadResource("policies/default.yaml")).policy());
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            accounts.add("acct_" + i);
        }
        RequestContext request = new RequestContext("chat_completions", "m", 1, 4096, false, 0, 0, true, 0.7);
        benign = new PolicyInput(new EntityContext("ent_b", List.of("acct_b"), 0, 0.1, 1.0, true, false, "paid",
                100, 50_000, 1), Map.of("volume", 0.1), AccountContext.unknown("acct_b"), new KeyContext("k_b", 30),
                request, AlertContext.NONE);
        fleet = new PolicyInput(new EntityContext("ent_f", accounts, 20, 0.9, 0.8, false, false, "free",
                20_000, 40_000_000, 25), Map.of("logprob_harvest", 0.9, "fleet", 0.95),
                AccountContext.unknown("acct_0"), new KeyContext("k_f", 1), request,
                new AlertContext(true, 0.9, List.of("fleet")));
    }

    @Benchmark
    public List<Decision> benign() {
        return engine.evaluate(benign, now);
    }

    @Benchmark
    public List<Decision> highRiskFleet() {
        return engine.evaluate(fleet, now);
    }
}
