package io.distillguard.flink;

import io.distillguard.event.UsageEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The job's first keyed stage (keyed by account): drops a usage event whose request id the account has already
 * delivered. Gateways deliver at least once after a producer replacement or a crash (docs/scale-out.md, "Delivery
 * guarantee"), and a duplicate would count twice in every detector and in the account's quotas of evidence. The
 * request ids seen are keyed state that expires {@code window} after it was written (Flink state TTL, processing
 * time; cleaned in full snapshots, incrementally on the heap and by RocksDB's compaction filter), so the state holds
 * one entry per event of the last window and a duplicate arriving later than that passes (and is counted by nothing:
 * the window must exceed the longest redelivery delay, see {@code dedupWindowMs}). Duplicates dropped are counted in
 * the metric {@code duplicateUsageEvents}.
 */
final class DedupFunction extends KeyedProcessFunction<String, UsageEvent, UsageEvent> {
    private final long windowMs;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;

    DedupFunction(long windowMs) {
        if (windowMs < 1) {
            throw new IllegalArgumentException("dedup window must be positive: " + windowMs);
        }
        this.windowMs = windowMs;
    }

    @Override
    public void open(OpenContext context) {
        MapStateDescriptor<String, Boolean> descriptor =
                new MapStateDescriptor<>("request-ids", String.class, Boolean.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(windowMs))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupFullSnapshot()
                .build());
        seen = getRuntimeContext().getMapState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateUsageEvents");
    }

    @Override
    public void processElement(UsageEvent e, Context ctx, Collector<UsageEvent> out) throws Exception {
        String id = e.requestId();
        if (seen.contains(id)) {
            duplicates.inc();
            return;
        }
        seen.put(id, Boolean.TRUE);
        out.collect(e);
    }
}
