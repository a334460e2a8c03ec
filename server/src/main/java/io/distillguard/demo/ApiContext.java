package io.distillguard.demo;

import com.dynatrace.hash4j.hashing.Hashing;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** What every endpoint handler shares: the engine, the clock that stamps {@code created}, and the id source. */
final class ApiContext {

    private final CompletionEngine engine;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    ApiContext(CompletionEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    CompletionEngine engine() {
        return engine;
    }

    SimulatorConfig config() {
        return engine.config();
    }

    TokenCounter tokens() {
        return engine.tokens();
    }

    /** Unix seconds now, on the injected clock. */
    long created() {
        return clock.instant().getEpochSecond();
    }

    /** A fresh id with an OpenAI-style prefix, e.g. {@code chatcmpl-...}, unique within this simulator. */
    String newId(String prefix) {
        long n = sequence.incrementAndGet();
        long h = Hashing.xxh3_64().hashStream().putLong(config().seed()).putLong(n).getAsLong();
        return prefix + Long.toHexString(h) + Long.toHexString(n);
    }

    /** Milliseconds a full (non-streamed) answer takes: whole generation when pacing, plus any injected delay. */
    long answerDelayMs(Exchange ex, int promptTokens, int outputTokens) {
        long paced = ex.pacing() ? engine.timing(promptTokens, outputTokens).totalMs() : 0;
        return paced + ex.fault().extraTtftMs();
    }

    /** Milliseconds before the first streamed token. */
    long ttftMs(Exchange ex, int promptTokens) {
        long paced = ex.pacing() ? engine.timing(promptTokens, 1).ttftMs() : 0;
        return paced + ex.fault().extraTtftMs();
    }

    /** Milliseconds between two streamed tokens (0 without pacing). */
    long interTokenMs(Exchange ex) {
        return ex.pacing() ? Math.max(1, Math.round(config().interTokenMs())) : 0;
    }
}
