package io.distillguard.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the gateway's usage events go: the embedded DuckDB store (one JVM, the default) or a Kafka topic (distributed
 * mode, read by the Flink detection job), with a disk spool in front of Kafka.
 *
 * @param sink              {@code embedded} or {@code kafka}
 * @param keepEmbeddedStore with {@code kafka}: also write every event to this replica's embedded store, so that the
 *                          admin API, exports and reports keep working on this replica's share of the traffic (the
 *                          registry lives in the same DuckDB file either way); false leaves Kafka the only event log
 * @param kafka             producer settings (used with {@code sink: kafka})
 * @param spool             disk spool in front of Kafka (used with {@code sink: kafka})
 */
public record EventsConfig(Sink sink, Boolean keepEmbeddedStore, KafkaSettings kafka, SpoolSettings spool) {

    /** The event log a gateway writes to. */
    public enum Sink {
        @JsonProperty("embedded") EMBEDDED,
        @JsonProperty("kafka") KAFKA
    }

    public EventsConfig {
        sink = sink == null ? Sink.EMBEDDED : sink;
        keepEmbeddedStore = keepEmbeddedStore == null ? Boolean.TRUE : keepEmbeddedStore;
        kafka = kafka == null ? KafkaSettings.defaults() : kafka;
        spool = spool == null ? SpoolSettings.defaults() : spool;
    }

    public static EventsConfig defaults() {
        return new EventsConfig(null, null, null, null);
    }

    /** Kafka as the event log with these producer and spool settings. */
    public static EventsConfig kafka(KafkaSettings kafka, SpoolSettings spool) {
        return new EventsConfig(Sink.KAFKA, null, kafka, spool);
    }

    /** True when the embedded DuckDB store receives usage events. */
    public boolean embeddedStoreReceivesEvents() {
        return sink == Sink.EMBEDDED || keepEmbeddedStore;
    }
}
