package io.distillguard.event;

/** Something that takes usage events: the durable store, the detection engine, a Kafka producer, a test probe. */
@FunctionalInterface
public interface UsageEventSink {
    void accept(UsageEvent event);
}
