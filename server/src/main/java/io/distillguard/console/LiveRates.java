package io.distillguard.console;

import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests and tokens per second over the last minute, for the console's live chart: a usage-event sink with a ring
 * of one-second buckets (fixed memory, whatever the traffic). Buckets are keyed by the event's own time, so a virtual
 * clock replays correctly. Thread-safe.
 */
public final class LiveRates implements UsageEventSink {
    static final int SECONDS = 60;

    /** One second of traffic. */
    public record Second(long epochSecond, long requests, long inputTokens, long outputTokens) {}

    private final Clock clock;
    private final long[] second = new long[SECONDS];
    private final long[] requests = new long[SECONDS];
    private final long[] input = new long[SECONDS];
    private final long[] output = new long[SECONDS];

    public LiveRates(Clock clock) {
        this.clock = clock;
        java.util.Arrays.fill(second, -1);
    }

    @Override
    public synchronized void accept(UsageEvent e) {
        long s = Math.floorDiv(e.timestampMs(), 1000);
        int i = (int) Math.floorMod(s, SECONDS);
        if (second[i] != s) {
            if (second[i] > s) {
                return; // older than the ring
            }
            second[i] = s;
            requests[i] = 0;
            input[i] = 0;
            output[i] = 0;
        }
        requests[i]++;
        input[i] += e.inputTokens();
        output[i] += e.outputTokens();
    }

    /** The last {@value #SECONDS} whole seconds before now, oldest first (empty seconds included). */
    public synchronized List<Second> lastMinute() {
        long now = Math.floorDiv(clock.millis(), 1000);
        List<Second> out = new ArrayList<>(SECONDS);
        for (long s = now - SECONDS + 1; s <= now; s++) {
            int i = (int) Math.floorMod(s, SECONDS);
            out.add(second[i] == s ? new Second(s, requests[i], input[i], output[i]) : new Second(s, 0, 0, 0));
        }
        return out;
    }
}
