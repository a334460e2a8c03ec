package io.distillguard.detect.profile;

import io.distillguard.detect.account.TierLimits;
import io.distillguard.detect.sketch.ActivitySlots;
import io.distillguard.detect.sketch.DecayedCounter;
import io.distillguard.detect.sketch.DistinctCount;
import io.distillguard.detect.sketch.GapStats;
import io.distillguard.detect.sketch.HourOfDayHistogram;
import io.distillguard.detect.sketch.NearDuplicates;
import io.distillguard.detect.sketch.QuantileSketch;
import io.distillguard.detect.sketch.Sketch;
import io.distillguard.detect.sketch.TopK;
import io.distillguard.event.ContentFlag;
import io.distillguard.event.PromptFeatures;
import io.distillguard.event.RequestParams;
import io.distillguard.event.UsageEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Everything the signals know about one account's traffic, in bounded memory (about 1.5 KB serialised): lifetime
 * totals, decayed velocity, active-hour token quantiles, cap utilisation per minute and day, content-flag counts,
 * distinct prompts and templates, top templates, near duplicates, API-surface counts, gaps, hour-of-day and
 * activity-slot timing, models and sample prompt hashes. Profiles of an entity's accounts merge into one.
 */
public final class TrafficProfile implements Sketch<TrafficProfile> {
    public static final long SESSION_GAP_MS = 30 * 60_000L;
    static final long HOUR_MS = 3_600_000L;
    static final long MINUTE_MS = 60_000L;
    static final long DAY_MS = 24 * HOUR_MS;
    static final long VELOCITY_HALF_LIFE_MS = HOUR_MS;
    static final long RIDING_HALF_LIFE_MS = 6 * HOUR_MS;
    static final int DISTINCT_PRECISION = 7;
    static final int TOP_TEMPLATES = 8;
    static final int SAMPLES = 4;
    static final int COVERAGE_CHECKPOINT = 128;
    static final double TEMPERATURE_BUCKET = 0.05;
    private static final byte VERSION = 1;
    private static final ContentFlag[] FLAGS = ContentFlag.values();

    // lifetime
    private long firstSeenMs = Long.MAX_VALUE;
    private long lastSeenMs = Long.MIN_VALUE;
    private long requests;
    private long inputTokens;
    private long outputTokens;
    // volume
    private DecayedCounter velocity;
    private long currentHour = Long.MIN_VALUE;
    private long currentHourTokens;
    private QuantileSketch activeHourTokens;
    // cap utilisation
    private long currentMinute = Long.MIN_VALUE;
    private int minuteRequests;
    private long minuteInput;
    private long minuteOutput;
    private DecayedCounter activeMinutes;
    private DecayedCounter ridingMinutes;
    private DecayedCounter throttled;
    private long currentDay = Long.MIN_VALUE;
    private long dayOutput;
    private int activeDays;
    private int ridingDays;
    // content
    private int[] flagCounts = new int[8];
    private long singleTurn;
    private long withPrompt;
    private DistinctCount distinctPrompts;
    private DistinctCount distinctTemplates;
    private TopK topTemplates;
    private NearDuplicates nearDuplicates;
    private long checkpointRequests;
    private double checkpointDistinct;
    private double coverageGrowth = -1;
    // API surface
    private long logprobs;
    private long topLogprobHarvest;
    private long logitBiasProbe;
    private long multiChoice;
    private long maxTokensAtCeiling;
    private long temperatureBuckets;
    // timing
    private GapStats gaps;
    private HourOfDayHistogram hours;
    private ActivitySlots slots;
    // models and samples
    private ModelMix models;
    private long[] samples = new long[SAMPLES];
    private int sampleCount;
    private int sampleNext;
    private boolean samplesFlagged;

    public TrafficProfile() {
        velocity = new DecayedCounter(VELOCITY_HALF_LIFE_MS);
        activeHourTokens = new QuantileSketch();
        activeMinutes = new DecayedCounter(RIDING_HALF_LIFE_MS);
        ridingMinutes = new DecayedCounter(RIDING_HALF_LIFE_MS);
        throttled = new DecayedCounter(RIDING_HALF_LIFE_MS);
        distinctPrompts = new DistinctCount(DISTINCT_PRECISION);
        distinctTemplates = new DistinctCount(DISTINCT_PRECISION);
        topTemplates = new TopK(TOP_TEMPLATES);
        nearDuplicates = new NearDuplicates();
        gaps = new GapStats();
        hours = new HourOfDayHistogram();
        slots = new ActivitySlots(ActivitySlots.DEFAULT_SLOT_MS);
        models = new ModelMix();
    }

    /** Sketches left null, for {@link #copy()} and {@link #readFrom} to fill in. */
    private TrafficProfile(Void unfilled) {
    }

    /**
     * Adds one event. Returns the token total of an active hour this event closed (for the tier's peer baseline), or
     * -1 when no hour closed.
     *
     * @param maxTokensCeiling the max_tokens value that counts as asking for the ceiling
     */
    public long update(UsageEvent e, TierLimits limits, int maxTokensCeiling) {
        long t = e.timestampMs();
        long tokens = e.totalTokens();
        if (requests > 0) {
            long gap = t - lastSeenMs;
            if (gap >= 0 && gap <= SESSION_GAP_MS) {
                gaps.update(gap);
            }
        }
        firstSeenMs = Math.min(firstSeenMs, t);
        lastSeenMs = Math.max(lastSeenMs, t);
        requests++;
        inputTokens += e.inputTokens();
        outputTokens += e.outputTokens();
        velocity.update(tokens, t);
        long closedHour = rollHour(t, tokens);
        rollMinute(t, e, limits);
        rollDay(t, e.outputTokens(), limits);
        if (e.status() == 429) {
            throttled.update(1, t);
        }
        updateContent(e.prompt());
        updateApiSurface(e.params(), maxTokensCeiling);
        hours.update(t);
        slots.update(t);
        models.update(e.model(), tokens, t);
        return closedHour;
    }

    private long rollHour(long t, long tokens) {
        long hour = Math.floorDiv(t, HOUR_MS);
        long closed = -1;
        if (hour > currentHour) {
            if (currentHour != Long.MIN_VALUE) {
                activeHourTokens.update(currentHourTokens);
                closed = currentHourTokens;
            }
            currentHour = hour;
            currentHourTokens = 0;
        }
        currentHourTokens += tokens;
        return closed;
    }

    private void rollMinute(long t, UsageEvent e, TierLimits limits) {
        long minute = Math.floorDiv(t, MINUTE_MS);
        if (minute > currentMinute) {
            closeMinute(limits, minute * MINUTE_MS);
            currentMinute = minute;
            minuteRequests = 0;
            minuteInput = 0;
            minuteOutput = 0;
        }
        minuteRequests++;
        minuteInput += e.inputTokens();
        minuteOutput += e.outputTokens();
    }

    private void closeMinute(TierLimits limits, long atMs) {
        if (currentMinute == Long.MIN_VALUE) {
            return;
        }
        double utilisation = Math.max((double) minuteRequests / limits.rpm(),
                Math.max((double) minuteInput / limits.inputTpm(), (double) minuteOutput / limits.outputTpm()));
        activeMinutes.update(1, atMs);
        if (utilisation >= 0.8 && utilisation <= 1.0) {
            ridingMinutes.update(1, atMs);
        }
    }

    private void rollDay(long t, long output, TierLimits limits) {
        long day = Math.floorDiv(t, DAY_MS);
        if (day > currentDay) {
            if (currentDay != Long.MIN_VALUE) {
                activeDays++;
                double utilisation = (double) dayOutput / limits.outputTpd();
                if (utilisation >= 0.8 && utilisation <= 1.0) {
                    ridingDays++;
                }
            }
            currentDay = day;
            dayOutput = 0;
        }
        dayOutput += output;
    }

    private void updateContent(PromptFeatures p) {
        if (p.chars() == 0 && p.simHash() == 0) {
            return;
        }
        withPrompt++;
        for (ContentFlag flag : FLAGS) {
            if (p.has(flag)) {
                flagCounts[flag.ordinal()]++;
            }
        }
        if (p.singleTurn()) {
            singleTurn++;
        }
        if (p.simHash() != 0) {
            distinctPrompts.update(p.simHash());
        }
        if (p.templateHash() != 0) {
            distinctTemplates.update(p.templateHash());
            topTemplates.update(p.templateHash());
        }
        nearDuplicates.update(p.simHash());
        if (withPrompt - checkpointRequests >= COVERAGE_CHECKPOINT) {
            double distinct = distinctPrompts.estimate();
            coverageGrowth = (distinct - checkpointDistinct) / (withPrompt - checkpointRequests);
            checkpointRequests = withPrompt;
            checkpointDistinct = distinct;
        }
        boolean flagged = (p.contentFlags() & ~ContentFlag.CODE.bit()) != 0;
        if (flagged && !samplesFlagged) {
            samplesFlagged = true;
            sampleCount = 0;
            sampleNext = 0;
        }
        if (flagged || !samplesFlagged) {
            samples[sampleNext] = p.contentHash();
            sampleNext = (sampleNext + 1) % SAMPLES;
            sampleCount = Math.min(SAMPLES, sampleCount + 1);
        }
    }

    private void updateApiSurface(RequestParams params, int maxTokensCeiling) {
        if (params.logprobs() || params.topLogprobs() > 0) {
            logprobs++;
        }
        if (params.topLogprobs() >= 5) {
            topLogprobHarvest++;
        }
        if (params.logitBiasWithLogprobs()) {
            logitBiasProbe++;
        }
        if (params.n() > 1) {
            multiChoice++;
        }
        if (params.maxTokens() != null && params.maxTokens() >= maxTokensCeiling) {
            maxTokensAtCeiling++;
        }
        if (params.temperature() != null) {
            int bucket = (int) Math.round(Math.min(3.15, Math.max(0, params.temperature())) / TEMPERATURE_BUCKET);
            temperatureBuckets |= 1L << Math.min(63, bucket);
        }
    }

    // ---- reads ----

    public long firstSeenMs() { return firstSeenMs; }
    public long lastSeenMs() { return lastSeenMs; }
    public long requests() { return requests; }
    public long inputTokens() { return inputTokens; }
    public long outputTokens() { return outputTokens; }
    public long totalTokens() { return inputTokens + outputTokens; }
    /** Tokens per hour over the recent past (1-hour half-life). */
    public double tokensPerHour(long atMs) { return velocity.ratePerHour(atMs); }
    /** Token totals of this key's past active hours. */
    public QuantileSketch activeHourTokens() { return activeHourTokens; }
    public double activeMinutes(long atMs) { return activeMinutes.estimate(atMs); }
    public double ridingMinutes(long atMs) { return ridingMinutes.estimate(atMs); }
    public double throttled(long atMs) { return throttled.estimate(atMs); }
    public int activeDays() { return activeDays; }
    public int ridingDays() { return ridingDays; }
    /** Requests that carried a prompt. */
    public long promptRequests() { return withPrompt; }
    public long flagCount(ContentFlag flag) { return flagCounts[flag.ordinal()]; }
    public long singleTurn() { return singleTurn; }
    public double distinctPrompts() { return distinctPrompts.estimate(); }
    public double distinctTemplates() { return distinctTemplates.estimate(); }
    public TopK topTemplates() { return topTemplates; }
    public double nearDuplicateRate() { return nearDuplicates.rate(); }
    /** New distinct prompts per prompt over the last checkpoint interval (lifetime ratio before the first one). */
    public double coverageGrowth() {
        return coverageGrowth >= 0 ? coverageGrowth : withPrompt == 0 ? 0 : distinctPrompts.estimate() / withPrompt;
    }
    public long logprobs() { return logprobs; }
    public long topLogprobHarvest() { return topLogprobHarvest; }
    public long logitBiasProbe() { return logitBiasProbe; }
    public long multiChoice() { return multiChoice; }
    public long maxTokensAtCeiling() { return maxTokensAtCeiling; }
    public int distinctTemperatures() { return Long.bitCount(temperatureBuckets); }
    public GapStats gaps() { return gaps; }
    public HourOfDayHistogram hours() { return hours; }
    public ActivitySlots slots() { return slots; }
    public ModelMix models() { return models; }

    /** Content hashes of up to 4 recent prompts, flagged prompts preferred. */
    public long[] samplePromptHashes() {
        long[] out = new long[sampleCount];
        System.arraycopy(samples, 0, out, 0, sampleCount);
        return out;
    }

    /** Whether the sample prompts are flagged ones. */
    public boolean samplesFlagged() { return samplesFlagged; }

    // ---- sketch shape ----

    /**
     * A copy to merge other profiles into (the profile of an entity): field by field, the same state that a round
     * trip through {@link #toBytes()} gives (which it replaced: serialising cost more than the merges it preceded).
     */
    public TrafficProfile copy() {
        TrafficProfile p = new TrafficProfile((Void) null);
        p.firstSeenMs = firstSeenMs;
        p.lastSeenMs = lastSeenMs;
        p.requests = requests;
        p.inputTokens = inputTokens;
        p.outputTokens = outputTokens;
        p.velocity = velocity.copy();
        p.currentHour = currentHour;
        p.currentHourTokens = currentHourTokens;
        p.activeHourTokens = activeHourTokens.copy();
        p.currentMinute = currentMinute;
        p.minuteRequests = minuteRequests;
        p.minuteInput = minuteInput;
        p.minuteOutput = minuteOutput;
        p.activeMinutes = activeMinutes.copy();
        p.ridingMinutes = ridingMinutes.copy();
        p.throttled = throttled.copy();
        p.currentDay = currentDay;
        p.dayOutput = dayOutput;
        p.activeDays = activeDays;
        p.ridingDays = ridingDays;
        System.arraycopy(flagCounts, 0, p.flagCounts, 0, flagCounts.length);
        p.singleTurn = singleTurn;
        p.withPrompt = withPrompt;
        p.distinctPrompts = distinctPrompts.copy();
        p.distinctTemplates = distinctTemplates.copy();
        p.topTemplates = topTemplates.copy();
        p.nearDuplicates = nearDuplicates.copy();
        p.checkpointRequests = checkpointRequests;
        p.checkpointDistinct = checkpointDistinct;
        p.coverageGrowth = coverageGrowth;
        p.logprobs = logprobs;
        p.topLogprobHarvest = topLogprobHarvest;
        p.logitBiasProbe = logitBiasProbe;
        p.multiChoice = multiChoice;
        p.maxTokensAtCeiling = maxTokensAtCeiling;
        p.temperatureBuckets = temperatureBuckets;
        p.gaps = gaps.copy();
        p.hours = hours.copy();
        p.slots = slots.copy();
        p.models = models.copy();
        System.arraycopy(samples, 0, p.samples, 0, sampleCount);
        p.sampleCount = sampleCount;
        p.sampleNext = sampleNext;
        p.samplesFlagged = samplesFlagged;
        return p;
    }

    @Override
    public void merge(TrafficProfile o) {
        firstSeenMs = Math.min(firstSeenMs, o.firstSeenMs);
        lastSeenMs = Math.max(lastSeenMs, o.lastSeenMs);
        requests += o.requests;
        inputTokens += o.inputTokens;
        outputTokens += o.outputTokens;
        velocity.merge(o.velocity);
        activeHourTokens.merge(o.activeHourTokens);
        activeMinutes.merge(o.activeMinutes);
        ridingMinutes.merge(o.ridingMinutes);
        throttled.merge(o.throttled);
        activeDays += o.activeDays;
        ridingDays += o.ridingDays;
        for (int i = 0; i < flagCounts.length; i++) {
            flagCounts[i] += o.flagCounts[i];
        }
        singleTurn += o.singleTurn;
        withPrompt += o.withPrompt;
        distinctPrompts.merge(o.distinctPrompts);
        distinctTemplates.merge(o.distinctTemplates);
        topTemplates.merge(o.topTemplates);
        nearDuplicates.merge(o.nearDuplicates);
        double growth = coverageGrowth();
        double otherGrowth = o.coverageGrowth();
        long weight = withPrompt - o.withPrompt;
        coverageGrowth = withPrompt == 0 ? -1 : (growth * weight + otherGrowth * o.withPrompt) / withPrompt;
        logprobs += o.logprobs;
        topLogprobHarvest += o.topLogprobHarvest;
        logitBiasProbe += o.logitBiasProbe;
        multiChoice += o.multiChoice;
        maxTokensAtCeiling += o.maxTokensAtCeiling;
        temperatureBuckets |= o.temperatureBuckets;
        gaps.merge(o.gaps);
        hours.merge(o.hours);
        slots.merge(o.slots);
        models.merge(o.models);
        for (long hash : o.samplePromptHashes()) {
            if (o.samplesFlagged && !samplesFlagged) {
                samplesFlagged = true;
                sampleCount = 0;
            }
            if (o.samplesFlagged == samplesFlagged && sampleCount < SAMPLES) {
                samples[sampleCount++] = hash;
                sampleNext = sampleCount % SAMPLES;
            }
        }
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(firstSeenMs);
        out.writeLong(lastSeenMs);
        out.writeLong(requests);
        out.writeLong(inputTokens);
        out.writeLong(outputTokens);
        velocity.writeTo(out);
        out.writeLong(currentHour);
        out.writeLong(currentHourTokens);
        activeHourTokens.writeTo(out);
        out.writeLong(currentMinute);
        out.writeInt(minuteRequests);
        out.writeLong(minuteInput);
        out.writeLong(minuteOutput);
        activeMinutes.writeTo(out);
        ridingMinutes.writeTo(out);
        throttled.writeTo(out);
        out.writeLong(currentDay);
        out.writeLong(dayOutput);
        out.writeInt(activeDays);
        out.writeInt(ridingDays);
        for (int c : flagCounts) {
            out.writeInt(c);
        }
        out.writeLong(singleTurn);
        out.writeLong(withPrompt);
        distinctPrompts.writeTo(out);
        distinctTemplates.writeTo(out);
        topTemplates.writeTo(out);
        nearDuplicates.writeTo(out);
        out.writeLong(checkpointRequests);
        out.writeDouble(checkpointDistinct);
        out.writeDouble(coverageGrowth);
        out.writeLong(logprobs);
        out.writeLong(topLogprobHarvest);
        out.writeLong(logitBiasProbe);
        out.writeLong(multiChoice);
        out.writeLong(maxTokensAtCeiling);
        out.writeLong(temperatureBuckets);
        gaps.writeTo(out);
        hours.writeTo(out);
        slots.writeTo(out);
        models.writeTo(out);
        out.writeByte(sampleCount);
        out.writeByte(sampleNext);
        out.writeBoolean(samplesFlagged);
        for (int i = 0; i < sampleCount; i++) {
            out.writeLong(samples[i]);
        }
    }

    public static TrafficProfile readFrom(DataInput in) throws IOException {
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("unknown traffic profile version " + version);
        }
        TrafficProfile p = new TrafficProfile((Void) null);
        p.firstSeenMs = in.readLong();
        p.lastSeenMs = in.readLong();
        p.requests = in.readLong();
        p.inputTokens = in.readLong();
        p.outputTokens = in.readLong();
        p.velocity = DecayedCounter.readFrom(in, VELOCITY_HALF_LIFE_MS);
        p.currentHour = in.readLong();
        p.currentHourTokens = in.readLong();
        p.activeHourTokens = QuantileSketch.readFrom(in);
        p.currentMinute = in.readLong();
        p.minuteRequests = in.readInt();
        p.minuteInput = in.readLong();
        p.minuteOutput = in.readLong();
        p.activeMinutes = DecayedCounter.readFrom(in, RIDING_HALF_LIFE_MS);
        p.ridingMinutes = DecayedCounter.readFrom(in, RIDING_HALF_LIFE_MS);
        p.throttled = DecayedCounter.readFrom(in, RIDING_HALF_LIFE_MS);
        p.currentDay = in.readLong();
        p.dayOutput = in.readLong();
        p.activeDays = in.readInt();
        p.ridingDays = in.readInt();
        for (int i = 0; i < p.flagCounts.length; i++) {
            p.flagCounts[i] = in.readInt();
        }
        p.singleTurn = in.readLong();
        p.withPrompt = in.readLong();
        p.distinctPrompts = DistinctCount.readFrom(in);
        p.distinctTemplates = DistinctCount.readFrom(in);
        p.topTemplates = TopK.readFrom(in);
        p.nearDuplicates = NearDuplicates.readFrom(in);
        p.checkpointRequests = in.readLong();
        p.checkpointDistinct = in.readDouble();
        p.coverageGrowth = in.readDouble();
        p.logprobs = in.readLong();
        p.topLogprobHarvest = in.readLong();
        p.logitBiasProbe = in.readLong();
        p.multiChoice = in.readLong();
        p.maxTokensAtCeiling = in.readLong();
        p.temperatureBuckets = in.readLong();
        p.gaps = GapStats.readFrom(in);
        p.hours = HourOfDayHistogram.readFrom(in);
        p.slots = ActivitySlots.readFrom(in, ActivitySlots.DEFAULT_SLOT_MS);
        p.models = ModelMix.readFrom(in);
        p.sampleCount = in.readByte();
        p.sampleNext = in.readByte();
        p.samplesFlagged = in.readBoolean();
        for (int i = 0; i < p.sampleCount; i++) {
            p.samples[i] = in.readLong();
        }
        return p;
    }

    public static TrafficProfile fromBytes(byte[] bytes) {
        try {
            return readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
