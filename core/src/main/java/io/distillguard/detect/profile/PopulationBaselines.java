package io.distillguard.detect.profile;

import io.distillguard.detect.sketch.QuantileSketch;
import io.distillguard.event.ContentFlag;
import io.distillguard.event.UsageEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * What normal looks like across the whole partition: tokens per active account-hour per tier (the peers a single
 * account or an entity is compared with), the share of prompts carrying each content flag, and when each model was
 * first requested (to recognise a pivot to a newly released model). Bounded: one sketch per tier, one entry per model
 * (at most {@value #MAX_MODELS}).
 */
public final class PopulationBaselines {
    static final int MAX_MODELS = 4096;

    private final Map<String, QuantileSketch> activeHourTokens = new HashMap<>();
    private final Map<String, Long> modelFirstSeen = new HashMap<>();
    private static final ContentFlag[] FLAGS = ContentFlag.values();
    /** What a tier with no closed hour yet reads as: never updated, and reads leave a sketch as it is. */
    private static final QuantileSketch NO_HOURS = new QuantileSketch();

    private final long[] flagCounts = new long[FLAGS.length];
    private long prompts;
    /** The last model looked up and its first-seen time (events repeat models, so this saves a lookup each). */
    private String lastModel;
    private long lastModelFirstSeen;

    public void record(UsageEvent e) {
        if (e.prompt().chars() > 0 || e.prompt().simHash() != 0) {
            prompts++;
            for (ContentFlag flag : FLAGS) {
                if (e.prompt().has(flag)) {
                    flagCounts[flag.ordinal()]++;
                }
            }
        }
        String model = e.model();
        if (model != null && !(model.equals(lastModel) && e.timestampMs() >= lastModelFirstSeen)) {
            Long first = modelFirstSeen.get(model);
            if (first == null ? modelFirstSeen.size() < MAX_MODELS : e.timestampMs() < first) {
                modelFirstSeen.put(model, e.timestampMs());
                first = e.timestampMs();
            }
            if (first != null) {
                lastModel = model;
                lastModelFirstSeen = first;
            }
        }
    }

    /** Records a closed active hour of one account on {@code tier}. */
    public void recordActiveHour(String tier, long tokens) {
        activeHourTokens.computeIfAbsent(tier, t -> new QuantileSketch()).update(tokens);
    }

    /** Tokens per active account-hour on {@code tier} (empty sketch when none yet). */
    public QuantileSketch activeHourTokens(String tier) {
        QuantileSketch sketch = activeHourTokens.get(tier);
        return sketch != null ? sketch : NO_HOURS;
    }

    /** Share of all prompts that carry {@code flag}. */
    public double flagShare(ContentFlag flag) {
        return prompts == 0 ? 0 : (double) flagCounts[flag.ordinal()] / prompts;
    }

    public long prompts() {
        return prompts;
    }

    /** Event time the model was first requested in this partition, or Long.MIN_VALUE if never. */
    public long modelFirstSeen(String model) {
        return modelFirstSeen.getOrDefault(model, Long.MIN_VALUE);
    }
}
