package io.distillguard.detect.risk;

/**
 * The engine's per-entity bookkeeping between scorings: events since the last scoring, the last risk, what was last
 * emitted, and the entity's open alert (id, revision, score and size when last sent), so that alerts are updated per
 * entity rather than repeated per event. {@code queued} says the entity is already waiting to be scored;
 * {@code dropped} marks state the engine removed (its entity was absorbed), so cached references know to look again.
 */
public final class EntityRiskState {
    public int eventsSinceScore;
    public long lastScoredMs = Long.MIN_VALUE;
    public RiskScore lastRisk;
    public double lastEmittedScore = -1;
    public String alertId;
    public int alertRevision;
    public double alertScore;
    public int alertAccounts;
    public long alertRaisedAtMs;
    public boolean queued;
    public boolean dropped;
}
