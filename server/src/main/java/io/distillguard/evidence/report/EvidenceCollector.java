package io.distillguard.evidence.report;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.forensics.DetectionReport;
import io.distillguard.link.AccountLinker;
import io.distillguard.monitor.RegistryAccountDirectory;
import io.distillguard.registry.Registry;
import io.distillguard.store.EventStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Gathers an entity's evidence from a stopped gateway's data: replays the whole usage log through a fresh detection
 * engine (as {@code replay} does) to learn the entity's accounts, link reasons and risk, then reads the entity's events
 * a second time, in event-time order, to aggregate and hash them; adds the audit trail and, when given, the watermark
 * test.
 */
final class EvidenceCollector {
    private static final int MAX_LINK_REASONS = 50;
    private static final int MAX_SAMPLES = 12;
    // Instant.MIN/MAX overflow epoch milliseconds
    private static final Instant ALL_FROM = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant ALL_TO = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final EventStore store;
    private final Registry registry;
    private final Clock clock;

    EvidenceCollector(EventStore store, Registry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * The evidence on {@code id} (an entity id, or an account id whose entity is taken).
     *
     * @param auditLog  the audit log file (may not exist)
     * @param watermark the watermark test to run, or null
     * @param eventsOut where to copy the hashed canonical lines ({@link OutputStream#nullOutputStream()} for none)
     */
    EntityEvidence collect(String id, Path auditLog, WatermarkEvidence watermark, OutputStream eventsOut)
            throws IOException {
        Map<String, Alert> alerts = new HashMap<>();
        AlertSink sink = alert -> alerts.put(alert.entityId(), alert);
        DetectionEngine engine = DetectionEngine.inMemory(DetectionConfig.defaults(),
                new RegistryAccountDirectory(registry), sink, clock);
        long[] replayed = {0, 0};
        store.replay(ALL_FROM, ALL_TO, e -> {
            engine.onEvent(e);
            replayed[0]++;
            replayed[1] = e.timestampMs();
        });
        engine.flush(replayed[1]);
        AccountLinker linker = engine.linker();
        String entityId = id.startsWith("ent_") ? id : linker.entityOf(id);
        Set<String> accounts = Set.copyOf(linker.members(entityId));

        EntityActivity activity = new EntityActivity(MAX_SAMPLES);
        EventDigest digest = new EventDigest(eventsOut);
        store.replay(ALL_FROM, ALL_TO, e -> {
            if (e.accountId() != null && accounts.contains(e.accountId())) {
                activity.update(e);
                digest.update(e);
            }
        });
        AuditTrail audit = AuditTrail.read(auditLog, entityId, accounts);
        DetectionReport marks = watermark == null ? null : watermark.test(entityId);
        return new EntityEvidence(entityId, id, accounts, linker.reasons(entityId, MAX_LINK_REASONS),
                engine.riskOf(entityId), alerts.get(entityId), activity, digest.hex(), digest.events(), replayed[0],
                audit, marks, clock.millis());
    }
}
