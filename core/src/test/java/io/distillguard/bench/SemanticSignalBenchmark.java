package io.distillguard.bench;

import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.TestEvents;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.profile.PopulationBaselines;
import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.signal.EntityView;
import io.distillguard.detect.signal.Member;
import io.distillguard.detect.signal.SemanticConfig;
import io.distillguard.detect.signal.SemanticSignal;
import io.distillguard.detect.signal.SignalScore;
import io.distillguard.event.UsageEvent;
import io.distillguard.semantic.BenignReference;
import io.distillguard.semantic.Int8Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * Cost of the semantic signal: {@code observe} of an event with a 384-d embedding (projection to 64 dims, topic
 * bucket, window update), and {@code score} of an entity whose sample changed since its last scoring (one MMD
 * permutation test of a 28-vector window against a 256-vector reference) or did not (cached result). Vectors are random unit
 * vectors: the cost does not depend on what they mean. Run with {@code org.openjdk.jmh.Main SemanticSignalBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SemanticSignalBenchmark {
    private final SplittableRandom random = new SplittableRandom(3);
    private SemanticSignal signal;
    private EntityView view;
    private List<UsageEvent> events;
    private int next;

    @Setup
    public void setUp() {
        List<byte[]> reference = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            reference.add(vector(64));
        }
        signal = new SemanticSignal(BenignReference.of(reference, 256, 1), SemanticConfig.DEFAULTS);
        events = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            events.add(TestEvents.event("acct" + (i % 64), TestEvents.T0 + i).embedding(vector(384)).build());
        }
        events.forEach(e -> signal.observe(e, "ent"));
        AccountProfile account = TestEvents.account("acct0");
        view = new EntityView("ent_acct0", TestEvents.T0, new TrafficProfile(),
                List.of(new Member(account, new TrafficProfile())), new PopulationBaselines(),
                DetectionConfig.defaults());
    }

    private byte[] vector(int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Int8Vectors.quantize(v);
    }

    @Benchmark
    public void observe() {
        signal.observe(events.get(next++ & 4095), "ent");
    }

    @Benchmark
    public SignalScore scoreUncached() {
        EntityView fresh = new EntityView("ent" + next++, view.nowMs(), view.total(), view.members(),
                view.baselines(), view.config());
        return signal.score(fresh);
    }

    @Benchmark
    public SignalScore scoreCached() {
        return signal.score(view);
    }
}
