package io.distillguard.flink;

import io.distillguard.alert.Alert;
import io.distillguard.alert.AlertSink;
import io.distillguard.alert.JsonlAlertSink;
import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.DetectionEngine;
import io.distillguard.detect.risk.RiskScore;
import io.distillguard.detect.signal.Signal;
import io.distillguard.detect.signal.Signals;
import io.distillguard.detect.state.InMemoryStateStore;
import io.distillguard.event.UsageEvent;
import io.distillguard.link.AccountLinker;
import io.distillguard.link.AsnTable;
import io.distillguard.link.LinkReason;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The global detection stage: the core's {@link DetectionEngine} (account linker, traffic profiles, signals, risk
 * model) run unchanged on events released in event-time order once the watermark passes them. The linker is one
 * graph over all accounts, so this stage runs at parallelism 1 (see docs/scale-out.md); its state is checkpointed as
 * operator state in {@link EngineSnapshots}' serialized form. Alerts go out as {@link JsonlAlertSink} JSON keyed by
 * entity; risk updates go to the {@link #RISK} side output for the policy stage, keyed by entity there.
 */
public final class DetectionFunction extends KeyedProcessFunction<Integer, UsageEvent, KeyedJson>
        implements CheckpointedFunction {
    /** Risk updates for the policy stage. */
    public static final OutputTag<RiskUpdate> RISK = new OutputTag<>("risk") { };
    /** Events are released when the watermark passes them; timers only need to fire once per this much event time. */
    private static final long TIMER_GRANULARITY_MS = 1_000;
    private static final int MAX_POLICY_ACCOUNTS = 500;

    private final DetectionJobConfig config;
    private final JobDirectory directory;
    private final Clock clock;

    private transient DetectionState state;
    private transient EngineSnapshots snapshots;
    private transient ListState<byte[]> checkpointed;
    private transient Collector<KeyedJson> out;
    private transient Context ctx;
    private transient long lastTimerMs = Long.MIN_VALUE;

    public DetectionFunction(DetectionJobConfig config, JobDirectory directory, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        DetectionConfig detection = DetectionConfig.defaults();
        List<Signal> signals = Signals.defaults();
        ForwardingAlertSink sink = new ForwardingAlertSink();
        sink.target(new Emitter());
        List<Object> wiring = new ArrayList<>(List.of(detection, detection.link(), directory, clock, sink));
        wiring.addAll(signals);
        snapshots = new EngineSnapshots(wiring);
        checkpointed = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("detection-engine", byte[].class));
        for (byte[] bytes : checkpointed.get()) {
            state = (DetectionState) snapshots.fromBytes(bytes);
        }
        if (state == null) {
            DetectionEngine engine = new DetectionEngine(detection, directory, signals, sink, clock,
                    new InMemoryStateStore<>(), new InMemoryStateStore<>(), new AccountLinker(detection.link()));
            state = new DetectionState(engine, new EventTimeDriver(config.flushEveryMs()));
        }
        // Not snapshot state: loaded from the configured file on every start and restore, as the gateway does.
        if (config.asnDatabase() != null) {
            state.engine.setAsnLookup(AsnTable.load(Path.of(config.asnDatabase())));
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.update(List.of(snapshots.toBytes(state)));
    }

    @Override
    public void processElement(UsageEvent e, Context context, Collector<KeyedJson> collector) {
        state.pending.add(e);
        state.minPendingMs = Math.min(state.minPendingMs, e.timestampMs());
        long due = Math.floorDiv(e.timestampMs(), TIMER_GRANULARITY_MS) * TIMER_GRANULARITY_MS
                + TIMER_GRANULARITY_MS - 1;
        if (due > lastTimerMs) {
            // Events arrive nearly in time order: one timer per granule, not per event (the service dedupes anyway).
            if (lastTimerMs == Long.MIN_VALUE) {
                context.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            }
            context.timerService().registerEventTimeTimer(due);
            lastTimerMs = due;
        } else if (due < lastTimerMs) {
            context.timerService().registerEventTimeTimer(due);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<KeyedJson> collector) {
        out = collector;
        ctx = context;
        long watermark = Math.max(timestamp, context.timerService().currentWatermark());
        if (state.minPendingMs <= watermark) {
            release(watermark);
        }
        if (timestamp == Long.MAX_VALUE) {
            state.driver.end(state.engine);
        }
        out = null;
        ctx = null;
    }

    /** Feeds the engine every pending event at or before {@code watermark}, in the driver's total order. */
    private void release(long watermark) {
        List<UsageEvent> due = new ArrayList<>();
        ArrayList<UsageEvent> keep = new ArrayList<>();
        long min = Long.MAX_VALUE;
        for (UsageEvent e : state.pending) {
            if (e.timestampMs() <= watermark) {
                due.add(e);
            } else {
                keep.add(e);
                min = Math.min(min, e.timestampMs());
            }
        }
        state.pending.clear();
        state.pending.addAll(keep);
        state.minPendingMs = min;
        due.sort(EventTimeDriver.ORDER);
        for (UsageEvent e : due) {
            state.driver.onEvent(state.engine, e);
        }
    }

    /** The engine's sink: alerts to the main output, risk updates to {@link #RISK}. */
    private final class Emitter implements AlertSink {
        private final StringWriter buffer = new StringWriter();
        private final JsonlAlertSink json = new JsonlAlertSink(buffer);

        @Override
        public void onAlert(Alert alert) {
            double maxLink = alert.linkReasons().stream().mapToDouble(LinkReason::score).max().orElse(Double.NaN);
            state.openAlerts.put(alert.entityId(),
                    new DetectionState.OpenAlert(alert.score(), new ArrayList<>(alert.signalNames()), maxLink));
            buffer.getBuffer().setLength(0);
            json.onAlert(alert);
            out.collect(new KeyedJson(alert.entityId(), buffer.toString().strip()));
        }

        @Override
        public void onRiskScore(RiskScore score) {
            ArrayList<String> accounts = new ArrayList<>(state.engine.linker().members(score.entityId()).stream()
                    .sorted().limit(MAX_POLICY_ACCOUNTS).toList());
            DetectionState.OpenAlert alert = state.openAlerts.get(score.entityId());
            ctx.output(RISK, new RiskUpdate(score.entityId(), score.score(), score.atMs(), PolicyInputs.signals(score),
                    accounts, alert != null, alert == null ? 0 : alert.score(),
                    alert == null ? new ArrayList<>() : alert.signals(),
                    alert == null ? Double.NaN : alert.maxLinkScore()));
        }
    }
}
