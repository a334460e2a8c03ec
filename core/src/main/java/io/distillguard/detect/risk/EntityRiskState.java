package io.distillguard.detect.risk;

/**
 * The engine's per-entity bookkeeping between scorings: events since the last scoring, the last risk (the number only:
 * a breakdown with its explanations is over 2 KB, more than the rest of an account's state), what was last emitted, and the entity's open alert (id, revision, score and size when last sent), so that alerts are updated per
 * entity rather than repeated per event. {@code queueSeq} says the entity is waiting to be scored (0: it is not; else
 * its place in the engine's queue);
 * {@code dropped} marks state the engine removed (its entity was absorbed), so cached references know to look again.
 */
public final class EntityRiskState {
    public int eventsSinceScore;
    public long lastScoredMs = Long.MIN_VALUE;
    /** The last combined risk, NaN before the first scoring (the breakdown went to the sink, see riskOf). */
    public double lastScore = Double.NaN;
    public double lastEmittedScore = -1;
    public String alertId;
    public int alertRevision;
    public double alertScore;
    public int alertAccounts;
    public long alertRaisedAtMs;
    public long queueSeq;
    public boolean dropped;
}
