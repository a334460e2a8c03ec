package io.distillguard.flink;

import io.distillguard.detect.DetectionEngine;
import io.distillguard.event.UsageEvent;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * Everything the global detection stage keeps between events, snapshotted as one unit on each checkpoint: the engine,
 * its event-time driver, the events waiting for the watermark, and a summary of each entity's open alert (what the
 * policy stage reads).
 */
final class DetectionState {
    final DetectionEngine engine;
    final EventTimeDriver driver;
    final ArrayList<UsageEvent> pending = new ArrayList<>();
    long minPendingMs = Long.MAX_VALUE;
    final HashMap<String, OpenAlert> openAlerts = new HashMap<>();

    DetectionState(DetectionEngine engine, EventTimeDriver driver) {
        this.engine = engine;
        this.driver = driver;
    }

    /** The policy-relevant part of an entity's latest alert revision. */
    record OpenAlert(double score, ArrayList<String> signals, double maxLinkScore) {
    }
}
