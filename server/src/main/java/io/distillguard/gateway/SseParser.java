package io.distillguard.gateway;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental parser of a {@code text/event-stream}: feed it the upstream's TCP chunks in order and it returns the
 * complete events, however the chunks split lines, events or multi-byte characters (upstream chunks do not line up
 * with events). Works on bytes and decodes only complete events: a newline byte never occurs inside a UTF-8 sequence.
 * Handles LF and CRLF line ends, multi-line data, comments and the event field. Not thread-safe: one per stream.
 */
public final class SseParser {
    private final int maxEventBytes;
    private Buffer pending = Buffer.buffer();
    private int scanFrom;

    public SseParser(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    public SseParser() {
        this(8 * 1024 * 1024);
    }

    /** Appends a chunk and returns every event it completed (possibly none). */
    public List<SseEvent> feed(Buffer chunk) {
        pending.appendBuffer(chunk);
        List<SseEvent> events = new ArrayList<>(2);
        int start = 0;
        int len = pending.length();
        int i = Math.max(scanFrom, 0);
        while (i < len) {
            if (pending.getByte(i) == '\n') {
                int next = blankLineAfter(i + 1, len);
                if (next > 0) {
                    SseEvent e = parseBlock(pending.getString(start, i, "UTF-8"), pending.getBuffer(start, next));
                    if (e != null) {
                        events.add(e);
                    }
                    start = next;
                    i = next;
                    continue;
                }
            }
            i++;
        }
        if (start > 0) {
            pending = pending.getBuffer(start, len);
        }
        // Re-scan the last byte next time: it may be the first half of "\n\n".
        scanFrom = Math.max(0, pending.length() - 2);
        if (pending.length() > maxEventBytes) {
            throw new IllegalStateException("SSE event larger than " + maxEventBytes + " bytes");
        }
        return events;
    }

    /** Whatever remains when the stream ends without a final blank line, as a last event (or null). */
    public SseEvent finish() {
        if (pending.length() == 0) {
            return null;
        }
        String block = pending.toString(StandardCharsets.UTF_8);
        Buffer raw = pending;
        pending = Buffer.buffer();
        scanFrom = 0;
        return block.isBlank() ? null : parseBlock(block.stripTrailing(), raw.appendString("\n\n"));
    }

    /** Index just past a blank line starting at {@code at} ("\n" or "\r\n"), or -1. */
    private int blankLineAfter(int at, int len) {
        if (at < len && pending.getByte(at) == '\n') {
            return at + 1;
        }
        if (at + 1 < len && pending.getByte(at) == '\r' && pending.getByte(at + 1) == '\n') {
            return at + 2;
        }
        return -1;
    }

    private static SseEvent parseBlock(String block, Buffer raw) {
        String eventName = null;
        StringBuilder data = null;
        for (String line : block.split("\r?\n", -1)) {
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty() || line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (field.equals("event")) {
                eventName = value;
            }
        }
        if (data == null && eventName == null) {
            return block.isBlank() ? null : new SseEvent(null, null, raw);
        }
        return new SseEvent(eventName, data == null ? null : data.toString(), raw);
    }
}
