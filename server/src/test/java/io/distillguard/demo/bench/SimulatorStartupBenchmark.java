package io.distillguard.demo.bench;

import io.distillguard.demo.ModelSimulator;
import io.distillguard.demo.SimulatorConfig;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start in a fresh JVM per fork: listening only (what {@code distillguard demo} waits for) versus listening plus
 * the lazy load of the tokenizer and WordNet (what the first completion request waits for).
 * Run: {@code java -cp <server test classpath> org.openjdk.jmh.Main SimulatorStartupBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class SimulatorStartupBenchmark {

    @Benchmark
    public int listen() {
        Vertx vertx = Vertx.vertx();
        try {
            return new ModelSimulator(SimulatorConfig.instant()).start(vertx, "127.0.0.1", 0).await();
        } finally {
            vertx.close().await();
        }
    }

    @Benchmark
    public int listenAndLoad() {
        Vertx vertx = Vertx.vertx();
        try {
            ModelSimulator simulator = new ModelSimulator(SimulatorConfig.instant());
            int port = simulator.start(vertx, "127.0.0.1", 0).await();
            simulator.warmUp().await();
            return port;
        } finally {
            vertx.close().await();
        }
    }
}
