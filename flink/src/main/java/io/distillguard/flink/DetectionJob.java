package io.distillguard.flink;

import io.distillguard.event.UsageEvent;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The distributed detection job: usage events from Kafka (event-time watermarks) -> redelivered events dropped, keyed
 * by account ({@link DedupFunction}, job parallelism) -> the global detection stage (core linker and detectors,
 * parallelism 1) -> alerts topic; risk updates keyed by entity -> policy stage (core policy
 * engine, job parallelism) -> compacted decisions topic. See docs/scale-out.md.
 */
public final class DetectionJob {
    private DetectionJob() {
    }

    /**
     * Adds the job to {@code env}. {@code bounded} stops reading at the offsets that are latest at start (replays,
     * tests); otherwise the job reads on forever.
     */
    public static void build(StreamExecutionEnvironment env, DetectionJobConfig config, JobDirectory directory,
                             Clock clock, boolean bounded) {
        detect(source(env, config, bounded), config, directory, clock);
    }

    /** The usage events of the topic with event-time watermarks, at the job's parallelism, checkpointing on. */
    public static DataStream<UsageEvent> source(StreamExecutionEnvironment env, DetectionJobConfig config,
                                                boolean bounded) {
        env.setParallelism(config.parallelism());
        // No operator keeps a reference to an input record it passes on, so chained operators need no defensive copy.
        env.getConfig().enableObjectReuse();
        if (config.checkpointIntervalMs() > 0) {
            env.enableCheckpointing(config.checkpointIntervalMs());
        }
        var source = KafkaSource.<UsageEvent>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(config.usageTopic())
                .setGroupId(config.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new UsageEventSchema());
        if (bounded) {
            source.setBounded(OffsetsInitializer.latest());
        }
        WatermarkStrategy<UsageEvent> watermarks = WatermarkStrategy
                .<UsageEvent>forBoundedOutOfOrderness(Duration.ofMillis(config.maxOutOfOrdernessMs()))
                .withTimestampAssigner((e, ts) -> e.timestampMs())
                .withIdleness(Duration.ofSeconds(30));
        return env.fromSource(source.build(), watermarks, "usage-events").uid("usage-events");
    }

    /** Detection, policy and the two output topics over {@code events}. */
    public static void detect(DataStream<UsageEvent> events, DetectionJobConfig config, JobDirectory directory,
                              Clock clock) {
        SingleOutputStreamOperator<KeyedJson> alerts = events
                .filter(e -> e.accountId() != null).uid("with-account")
                .keyBy(UsageEvent::accountId)
                .process(new DedupFunction(config.dedupWindowMs())).uid("dedup").name("dedup-by-account")
                .keyBy(e -> 0)
                .process(new DetectionFunction(config, directory, clock)).uid("detection")
                .name("detection").setParallelism(1).setMaxParallelism(1);
        alerts.sinkTo(sink(config, config.alertsTopic())).uid("alerts-sink").name("alerts").setParallelism(1);
        alerts.getSideOutput(DetectionFunction.RISK)
                .keyBy(RiskUpdate::entityId)
                .process(new PolicyFunction(config.policyYaml(), directory, clock)).uid("policy").name("policy")
                .sinkTo(sink(config, config.decisionsTopic())).uid("decisions-sink").name("decisions");
    }

    private static KafkaSink<KeyedJson> sink(DetectionJobConfig config, String topic) {
        return KafkaSink.<KeyedJson>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(new KeyedJsonSerializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
