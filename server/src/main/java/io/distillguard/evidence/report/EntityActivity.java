package io.distillguard.evidence.report;

import io.distillguard.event.ContentFlag;
import io.distillguard.event.UsageEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an entity did, aggregated from its events: requests and output tokens per UTC hour, volume per model and per
 * content capability, and a bounded set of sample prompts (flagged prompts preferred). Memory is bounded by hours,
 * models and {@code maxSamples}, not by events.
 */
final class EntityActivity {
    static final long HOUR_MS = 3_600_000L;
    private static final int SAMPLE_CHARS = 600;

    /** Requests and tokens of one bucket (an hour, a model, a capability). */
    static final class Volume {
        long requests;
        long inputTokens;
        long outputTokens;

        void add(UsageEvent e) {
            requests++;
            inputTokens += e.inputTokens();
            outputTokens += e.outputTokens();
        }
    }

    /** One retained prompt: when, which account, which flags, the (truncated) text. */
    record Sample(long timestampMs, String accountId, String model, int contentFlags, String text) {}

    private final int maxSamples;
    private final TreeMap<Long, Volume> hourly = new TreeMap<>();
    private final TreeMap<String, Volume> models = new TreeMap<>();
    private final EnumMap<ContentFlag, Volume> capabilities = new EnumMap<>(ContentFlag.class);
    private final Volume total = new Volume();
    private final List<Sample> flaggedSamples = new ArrayList<>();
    private final List<Sample> plainSamples = new ArrayList<>();
    private long firstMs = Long.MAX_VALUE;
    private long lastMs = Long.MIN_VALUE;

    EntityActivity(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    void update(UsageEvent e) {
        total.add(e);
        firstMs = Math.min(firstMs, e.timestampMs());
        lastMs = Math.max(lastMs, e.timestampMs());
        hourly.computeIfAbsent(Math.floorDiv(e.timestampMs(), HOUR_MS) * HOUR_MS, h -> new Volume()).add(e);
        models.computeIfAbsent(e.model() == null ? "(none)" : e.model(), m -> new Volume()).add(e);
        for (ContentFlag flag : ContentFlag.values()) {
            if (e.prompt().has(flag)) {
                capabilities.computeIfAbsent(flag, f -> new Volume()).add(e);
            }
        }
        if (e.promptText() != null && !e.promptText().isBlank()) {
            List<Sample> into = e.prompt().contentFlags() != 0 ? flaggedSamples : plainSamples;
            if (into.size() < maxSamples) {
                String text = e.promptText().length() > SAMPLE_CHARS
                        ? e.promptText().substring(0, SAMPLE_CHARS) + " [...]" : e.promptText();
                into.add(new Sample(e.timestampMs(), e.accountId(), e.model(), e.prompt().contentFlags(), text));
            }
        }
    }

    /** Requests and tokens per hour start (epoch ms), every hour between the first and the last event included. */
    Map<Long, Volume> hourly() {
        TreeMap<Long, Volume> filled = new TreeMap<>(hourly);
        if (!hourly.isEmpty()) {
            for (long h = hourly.firstKey(); h < hourly.lastKey(); h += HOUR_MS) {
                filled.putIfAbsent(h, new Volume());
            }
        }
        return filled;
    }

    Map<String, Volume> models() {
        return models;
    }

    /** Volume per content capability; every flag present, zero where none was seen. */
    Map<ContentFlag, Volume> capabilities() {
        EnumMap<ContentFlag, Volume> all = new EnumMap<>(ContentFlag.class);
        for (ContentFlag flag : ContentFlag.values()) {
            all.put(flag, capabilities.getOrDefault(flag, new Volume()));
        }
        return all;
    }

    Volume total() {
        return total;
    }

    /** Up to {@code maxSamples} retained prompts, flagged ones first. */
    List<Sample> samples() {
        List<Sample> out = new ArrayList<>(flaggedSamples);
        plainSamples.stream().limit(Math.max(0, maxSamples - out.size())).forEach(out::add);
        return out;
    }

    long firstMs() {
        return firstMs;
    }

    long lastMs() {
        return lastMs;
    }
}
