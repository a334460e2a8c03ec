package io.distillguard.demo.bench;

import io.distillguard.demo.CompletionEngine;
import io.distillguard.demo.GenerationRequest;
import io.distillguard.demo.GeneratedChoice;
import io.distillguard.demo.ModelSimulator;
import io.distillguard.demo.SimulatorConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the simulator: one generated answer without HTTP (what the evaluation harness pays per simulated request)
 * and one fixed-response chat round trip over loopback HTTP (the floor a gateway benchmark measures against).
 * Run: {@code java -cp <server test classpath> org.openjdk.jmh.Main SimulatorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulatorBenchmark {

    private static final List<String> PROMPTS = List.of(
            "Explain how a river shapes the valley it flows through.",
            "Write a python function that merges two sorted lists.",
            "What is the difference between weather and climate?",
            "Summarise the history of the printing press in three paragraphs.");

    private CompletionEngine engine;
    private Vertx vertx;
    private ModelSimulator fixed;
    private HttpClient http;
    private HttpRequest chatRequest;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new CompletionEngine(SimulatorConfig.instant());
        engine.warmUp();
        vertx = Vertx.vertx();
        fixed = new ModelSimulator(SimulatorConfig.instant().withFixedResponse(true));
        int port = fixed.start(vertx, "127.0.0.1", 0).await();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        chatRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        http.close();
        fixed.close().await();
        vertx.close().await();
    }

    @Benchmark
    public List<GeneratedChoice> generateAnswer() {
        String prompt = PROMPTS.get(next++ & 3) + " #" + next;
        return engine.generate(GenerationRequest.of(prompt, null));
    }

    @Benchmark
    public String fixedResponseRoundTrip() throws Exception {
        return http.send(chatRequest, HttpResponse.BodyHandlers.ofString()).body();
    }
}
