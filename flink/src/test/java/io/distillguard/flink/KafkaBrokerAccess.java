package io.distillguard.flink;

import io.distillguard.event.UsageEvent;
import io.distillguard.event.UsageEventCodec;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The test broker and scenario for the benchmark in the {@code bench} package (they are package-private here). */
public final class KafkaBrokerAccess implements AutoCloseable {
    private final KafkaBroker broker;

    private KafkaBrokerAccess(KafkaBroker broker) {
        this.broker = broker;
    }

    public static KafkaBrokerAccess start() throws Exception {
        return new KafkaBrokerAccess(new KafkaBroker());
    }

    public static Object scenario() throws Exception {
        return new HydraScenario(30, 2);
    }

    public static JobDirectory directory(Object scenario) {
        return new MapDirectory(((HydraScenario) scenario).profiles);
    }

    public String bootstrap() {
        return broker.bootstrap();
    }

    /** The scenario {@code reps} times, each repetition two days later, into {@code topic} (2 partitions). */
    public long produceScenario(String topic, Object scenario, int reps) throws Exception {
        broker.createTopic(topic, 2, false);
        List<UsageEvent> events = ((HydraScenario) scenario).events;
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            for (UsageEvent e : events) {
                UsageEvent s = io.distillguard.flink.bench.DetectionJobBenchmarkShift.shift(e, r * 2 * HydraScenario.DAY, r);
                records.add(new AbstractMap.SimpleEntry<>(s.accountId(), UsageEventCodec.encode(s)));
            }
        }
        broker.produce(topic, records);
        return records.size();
    }

    public void createOutputs(String alerts, String decisions) throws Exception {
        broker.createTopic(alerts, 1, false);
        broker.createTopic(decisions, 2, true);
    }

    @Override
    public void close() throws Exception {
        broker.close();
    }
}
