package io.distillguard.console;

import io.distillguard.detect.risk.RiskScore;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent risk scores of each entity, so the entity page can draw every signal's value against its baseline over
 * time (the detectors keep only the latest score). Bounded: at most {@code perEntity} scores per entity and
 * {@code entities} entities, the least recently scored forgotten first. Fed by the detection thread; thread-safe.
 */
public final class RiskHistory {
    private final int perEntity;
    private final Map<String, ArrayDeque<RiskScore>> byEntity;

    public RiskHistory(int entities, int perEntity) {
        this.perEntity = perEntity;
        this.byEntity = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<RiskScore>> eldest) {
                return size() > entities;
            }
        };
    }

    public synchronized void record(RiskScore score) {
        ArrayDeque<RiskScore> q = byEntity.computeIfAbsent(score.entityId(), k -> new ArrayDeque<>());
        q.addLast(score);
        while (q.size() > perEntity) {
            q.removeFirst();
        }
    }

    /** The entity's recorded scores, oldest first. */
    public synchronized List<RiskScore> of(String entityId) {
        ArrayDeque<RiskScore> q = byEntity.get(entityId);
        return q == null ? List.of() : List.copyOf(q);
    }
}
