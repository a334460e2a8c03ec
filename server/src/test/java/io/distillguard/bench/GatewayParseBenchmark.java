package io.distillguard.bench;

import io.distillguard.feature.PromptMessage;
import io.distillguard.gateway.GatewayJson;
import io.distillguard.metering.PromptText;
import io.distillguard.metering.TokenCounter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import java.util.List;
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
 * The per-request work the gateway does on the event loop before and after forwarding, old way against new way in one
 * run: the request and response JSON parse ({@code Json.decodeValue} through databind vs {@link GatewayJson}'s
 * streaming parse over the bytes) and the admission's prompt token count (a fresh BPE count of every message vs the
 * counter's cache of long messages, here a 1.5 KB system prompt that every request repeats plus a new user question).
 * Read with {@code -prof gc} for bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class GatewayParseBenchmark {
    private static final String SYSTEM = ("You are a careful tutor. Solve the problem step by step, name each rule you "
            + "use, check the result, and finish with 'Answer: <number>'. Keep every step short. ").repeat(10);

    private Buffer request;
    private Buffer response;
    private TokenCounter counter;
    private PromptText prompt;
    private int question;

    @Setup
    public void setUp() {
        request = Buffer.buffer("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\""
                + SYSTEM + "\"},{\"role\":\"user\",\"content\":\"Janet has 3 apples and buys 17 more. How many?\"}],"
                + "\"max_tokens\":256,\"temperature\":0.7,\"n\":1,\"logprobs\":true,\"top_logprobs\":5}");
        response = Buffer.buffer("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1733600000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Janet starts with 3 apples. She buys 17 more: 3 + 17 = 20. Answer: 20\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":312,\"completion_tokens\":24,"
                + "\"total_tokens\":336}}");
        counter = new TokenCounter();
    }

    @Benchmark
    public Object requestDatabind() {
        return Json.decodeValue(request);
    }

    @Benchmark
    public Object requestStreaming() {
        return GatewayJson.value(request);
    }

    @Benchmark
    public Object responseDatabind() {
        return response.toJsonObject();
    }

    @Benchmark
    public Object responseStreaming() {
        return GatewayJson.object(response);
    }

    @Benchmark
    public int promptTokensUncached() {
        int tokens = 3;
        for (PromptMessage m : nextPrompt().messages()) { // what countPrompt did before the cache
            tokens += counter.count(m.text()) + 3;
        }
        return tokens;
    }

    @Benchmark
    public int promptTokensCached() {
        return counter.countPrompt(nextPrompt());
    }

    private PromptText nextPrompt() {
        int q = question++;
        return new PromptText(List.of(new PromptMessage("system", new String(SYSTEM)),
                new PromptMessage("user", "Question " + q + ": how many apples?")), true, 0);
    }
}
