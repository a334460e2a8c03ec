package io.distillguard.evidence.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.distillguard.event.UsageEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over an entity's usage events as canonical JSON lines (properties sorted by name, one event per line, each
 * line ending in a newline, events in event-time order): the fingerprint that ties a report to the exact log it was
 * drawn from. Anyone can recompute it by re-running the report, or by hashing the lines written with
 * {@code --events-out} ({@code sha256sum}). Streaming: memory does not grow with the number of events.
 */
final class EventDigest {

    private static final ObjectWriter CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build()
            .writerFor(UsageEvent.class);

    private final MessageDigest sha256;
    private final OutputStream copy;
    private long events;

    /** A digest that also writes every canonical line to {@code copy} (use {@link OutputStream#nullOutputStream()}). */
    EventDigest(OutputStream copy) {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        this.copy = copy;
    }

    /** Adds the next event (callers feed events in event-time order). */
    void update(UsageEvent event) {
        byte[] line = canonicalLine(event);
        sha256.update(line);
        try {
            copy.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write canonical events", e);
        }
        events++;
    }

    long events() {
        return events;
    }

    /** The hex SHA-256 of every line added so far; call once, at the end. */
    String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The canonical JSON of {@code event} followed by a newline, UTF-8. */
    static byte[] canonicalLine(UsageEvent event) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(event);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("usage event not serialisable: " + event.requestId(), e);
        }
    }
}
