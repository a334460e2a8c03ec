package io.distillguard.bench;

import io.distillguard.policy.cache.DecisionCache;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Evidence;
import io.distillguard.policy.decision.Issuance;
import io.distillguard.policy.decision.Mode;
import io.distillguard.policy.decision.Scope;
import io.distillguard.policy.decision.Tag;
import io.distillguard.policy.decision.Throttle;
import io.distillguard.policy.decision.Watermark;
import io.distillguard.time.VirtualClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the gateway's per-request lookup: the effective decision over key, account and entity, with 100,000
 * entities held, a tenth of them with decisions on all three scopes. Run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main DecisionCacheBenchmark}.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DecisionCacheBenchmark {

    static final int ENTITIES = 100_000;

    private DecisionCache cache;
    private String[] keys;
    private String[] accounts;
    private String[] entities;

    @Setup
    public void setup() {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
        cache = new DecisionCache(clock);
        keys = new String[ENTITIES];
        accounts = new String[ENTITIES];
        entities = new String[ENTITIES];
        Instant now = clock.instant();
        for (int i = 0; i < ENTITIES; i++) {
            keys[i] = "key_" + i;
            accounts[i] = "acct_" + i;
            entities[i] = "ent_" + i;
            if (i % 10 == 0) {
                cache.record(new Watermark(0.5, issuance("w", Scope.entity(entities[i]), now)));
                cache.record(new Throttle(0.1, 100, issuance("t", Scope.account(accounts[i]), now)));
                cache.record(new Tag("x", issuance("g", Scope.key(keys[i]), now)));
            }
        }
    }

    private static Issuance issuance(String rule, Scope scope, Instant now) {
        return new Issuance(Issuance.idFor(rule, scope, now), rule, Mode.ENFORCE, scope, now,
                now.plus(Duration.ofHours(6)), 0, Evidence.NONE);
    }

    @Benchmark
    public Decision effective() {
        int i = ThreadLocalRandom.current().nextInt(ENTITIES);
        return cache.effective(keys[i], accounts[i], entities[i]);
    }
}
