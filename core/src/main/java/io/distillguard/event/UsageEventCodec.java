package io.distillguard.event;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire form of a {@link UsageEvent} wherever an event leaves the JVM that made it (a Kafka topic, a Flink job):
 * one UTF-8 JSON object with snake_case fields and a schema version, {@code {"v":1,"event":{...}}}. Readers ignore
 * fields they do not know, so a newer gateway can add fields without breaking an older detector job. Thread-safe.
 */
public final class UsageEventCodec {
    /** The schema version this codec writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private record Envelope(int v, UsageEvent event) {
    }

    private UsageEventCodec() {
    }

    /** The event as UTF-8 JSON bytes. */
    public static byte[] encode(UsageEvent event) {
        try {
            return MAPPER.writeValueAsBytes(new Envelope(VERSION, event));
        } catch (IOException e) {
            throw new UncheckedIOException("usage event " + event.requestId() + " could not be encoded", e);
        }
    }

    /**
     * The event in {@code bytes}.
     *
     * @throws IllegalArgumentException when the bytes are not a usage event of a version this codec reads
     */
    public static UsageEvent decode(byte[] bytes) {
        Envelope envelope;
        try {
            envelope = MAPPER.readValue(bytes, Envelope.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a usage event: " + e.getMessage(), e);
        }
        if (envelope.v() < 1 || envelope.v() > VERSION) {
            throw new IllegalArgumentException("usage event schema version " + envelope.v() + " is not supported (reads 1.."
                    + VERSION + ")");
        }
        if (envelope.event() == null) {
            throw new IllegalArgumentException("usage event envelope without an event");
        }
        return envelope.event();
    }
}
