package io.distillguard.config;

/**
 * Where usage events go and what raw text they keep.
 *
 * @param dataDir        directory of the embedded event store and registry
 * @param retention      which raw prompt/response text is kept with events
 * @param queueCapacity  events that may wait for the metering worker before new requests are refused with 503
 *                       (metering never drops an admitted request's event)
 * @param detectionQueue events that may wait for the detectors; beyond it events are sampled out and counted
 */
public record MeteringConfig(String dataDir, Retention retention, int queueCapacity, int detectionQueue) {

    /** Raw text retention: none, only for entities flagged by policy (default), or all traffic. */
    public enum Retention { NONE, FLAGGED, ALL }

    public MeteringConfig {
        dataDir = dataDir == null ? "distillguard-data" : dataDir;
        retention = retention == null ? Retention.FLAGGED : retention;
        queueCapacity = queueCapacity == 0 ? 200_000 : queueCapacity;
        detectionQueue = detectionQueue == 0 ? 100_000 : detectionQueue;
        Check.range("metering.queueCapacity", queueCapacity, 16, 50_000_000);
        Check.range("metering.detectionQueue", detectionQueue, 16, 50_000_000);
    }

    public static MeteringConfig defaults() {
        return new MeteringConfig(null, null, 0, 0);
    }

    public MeteringConfig withDataDir(String dir) {
        return new MeteringConfig(dir, retention, queueCapacity, detectionQueue);
    }

    public MeteringConfig withRetention(Retention r) {
        return new MeteringConfig(dataDir, r, queueCapacity, detectionQueue);
    }
}
