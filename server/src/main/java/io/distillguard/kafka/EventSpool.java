package io.distillguard.kafka;

import io.distillguard.config.SpoolSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead disk spool in front of Kafka: a FIFO of encoded usage events in append-only segment files. Every
 * event is appended before it is sent; a segment is deleted only when the broker acknowledged all its events, so an
 * outage or a restart loses nothing that was appended. One writer ({@link #append}) and one reader (the drainer:
 * {@link #next}, {@link #rewind}) may run concurrently; acknowledgements ({@link #acked}) come from the producer's
 * thread. A checkpoint file keeps the acknowledged low-water mark, so that a restart resends at most the events
 * acknowledged in the last checkpoint interval. Thread-safe.
 */
public final class EventSpool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSpool.class);
    private static final String CHECKPOINT = "acked.offset";

    private final Path dir;
    private final SpoolSettings settings;
    private final Object lock = new Object();
    private final ArrayDeque<SpoolSegment> segments = new ArrayDeque<>();
    private final AckWatermark acks;
    private SpoolSegment active;
    private FileChannel activeChannel;
    private long nextSeq;
    private long diskBytes;
    private long unackedBytes;
    private boolean dirty;
    private long lastSyncNanos = System.nanoTime();
    private long checkpointed;
    private boolean closed;
    // reader position
    private long readSeq;
    private SpoolSegment readSegment;
    private FileChannel readChannel;
    private long readPos;

    private EventSpool(Path dir, SpoolSettings settings, List<SpoolSegment> recovered, long low) {
        this.dir = dir;
        this.settings = settings;
        segments.addAll(recovered);
        this.nextSeq = recovered.isEmpty() ? low : Math.max(low, recovered.getLast().endSeq());
        long first = recovered.isEmpty() ? nextSeq : Math.max(low, recovered.getFirst().baseSeq);
        this.acks = new AckWatermark(first);
        this.checkpointed = first;
        for (SpoolSegment s : recovered) {
            diskBytes += s.bytes;
        }
        this.readSeq = first;
    }

    /** Opens (or creates) the spool in {@code dir}, recovering the segments and checkpoint a previous run left. */
    public static EventSpool open(Path dir, SpoolSettings settings) {
        try {
            Files.createDirectories(dir);
            List<SpoolSegment> recovered = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.seg")).sorted()
                        .toList()) {
                    recovered.add(SpoolSegment.recover(f));
                }
            }
            Path checkpoint = dir.resolve(CHECKPOINT);
            long low = Files.exists(checkpoint) ? Long.parseLong(Files.readString(checkpoint).strip()) : 0;
            EventSpool spool = new EventSpool(dir, settings, recovered, low);
            synchronized (spool.lock) {
                spool.unackedBytes = spool.countUnackedBytes();
                spool.deleteAckedSegments();
            }
            if (spool.pendingEvents() > 0) {
                LOG.info("spool {}: {} events ({} bytes) left by a previous run will be sent first", dir,
                        spool.pendingEvents(), spool.diskBytes());
            }
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open event spool " + dir, e);
        }
    }

    /** Appends one event; returns its sequence number. Never refuses: the caller checks {@link #full()} first. */
    public long append(byte[] key, byte[] value) {
        ByteBuffer buf = SpoolSegment.encode(key, value);
        int size = buf.remaining();
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("event spool is closed");
            }
            try {
                if (active == null || active.count > 0 && active.bytes + size > settings.segmentBytes()) {
                    roll();
                }
                while (buf.hasRemaining()) {
                    activeChannel.write(buf);
                }
                if (settings.fsync() == SpoolSettings.Fsync.ALWAYS) {
                    activeChannel.force(false);
                } else {
                    dirty = true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("event spool append failed in " + dir, e);
            }
            active.count++;
            active.bytes += size;
            diskBytes += size;
            unackedBytes += size;
            lock.notifyAll();
            return nextSeq++;
        }
    }

    private void roll() throws IOException {
        if (activeChannel != null) {
            activeChannel.force(false);
            activeChannel.close();
        }
        active = SpoolSegment.create(dir, nextSeq);
        activeChannel = FileChannel.open(active.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        segments.addLast(active);
        dirty = false;
        deleteAckedSegments();
    }

    /**
     * The next event not yet acknowledged after the reader's position, waiting up to {@code waitMs} for one to be
     * appended; null when none came or the spool closed.
     */
    public SpoolRecord next(long waitMs) throws InterruptedException {
        synchronized (lock) {
            long deadline = System.nanoTime() + waitMs * 1_000_000;
            while (!closed) {
                while (readSeq < nextSeq && acks.isAcked(readSeq)) {
                    skipOne();
                }
                if (readSeq < nextSeq) {
                    SpoolRecord r = readAt();
                    readPos += r.diskBytes();
                    readSeq++;
                    return r;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return null;
        }
    }

    private void skipOne() {
        readPos += readAt().diskBytes();
        readSeq++;
    }

    private SpoolRecord readAt() {
        try {
            if (readSegment == null || readSeq >= readSegment.endSeq()) {
                positionReader(readSeq);
            }
            SpoolRecord r = SpoolSegment.read(readChannel, readPos, readSegment.bytes, readSeq);
            if (r == null) {
                throw new IOException("spool record " + readSeq + " in " + readSegment.path + " is unreadable");
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the reader at record {@code seq}: its segment, and its byte offset found by walking the headers. */
    private void positionReader(long seq) throws IOException {
        closeReader();
        for (SpoolSegment s : segments) {
            if (seq >= s.baseSeq && seq < s.endSeq()) {
                readSegment = s;
                readChannel = FileChannel.open(s.path, StandardOpenOption.READ);
                readPos = 0;
                for (long q = s.baseSeq; q < seq; q++) {
                    readPos += SpoolSegment.read(readChannel, readPos, s.bytes, q).diskBytes();
                }
                return;
            }
        }
        throw new IOException("spool record " + seq + " is in no segment of " + dir);
    }

    /** Moves the reader back to the oldest unacknowledged event (after a failed send); acknowledged ones are skipped. */
    public void rewind() {
        synchronized (lock) {
            readSeq = acks.low();
            closeReader();
        }
    }

    /** The broker acknowledged event {@code seq} of {@code diskBytes}; fully acknowledged old segments are deleted. */
    public void acked(long seq, int recordBytes) {
        synchronized (lock) {
            if (acks.ack(seq)) {
                unackedBytes -= recordBytes;
                deleteAckedSegments();
            }
        }
    }

    private void deleteAckedSegments() {
        long low = acks.low();
        while (!segments.isEmpty() && segments.getFirst() != active && segments.getFirst().endSeq() <= low) {
            SpoolSegment s = segments.removeFirst();
            if (s == readSegment) {
                closeReader();
            }
            try {
                Files.deleteIfExists(s.path);
            } catch (IOException e) {
                LOG.warn("could not delete acknowledged spool segment {}: {}", s.path, e.toString());
            }
            diskBytes -= s.bytes;
        }
    }

    /** Fsyncs (interval policy) and writes the checkpoint when due; the drainer calls this between sends. */
    public void maintain() {
        synchronized (lock) {
            if (closed || System.nanoTime() - lastSyncNanos < settings.fsyncIntervalMs() * 1_000_000L) {
                return;
            }
            lastSyncNanos = System.nanoTime();
            try {
                if (dirty && settings.fsync() == SpoolSettings.Fsync.INTERVAL) {
                    activeChannel.force(false);
                    dirty = false;
                }
                writeCheckpoint();
            } catch (IOException e) {
                LOG.warn("event spool sync failed in {}: {}", dir, e.toString());
            }
        }
    }

    private void writeCheckpoint() throws IOException {
        long low = acks.low();
        if (low == checkpointed) {
            return;
        }
        Path tmp = dir.resolve(CHECKPOINT + ".tmp");
        Files.writeString(tmp, Long.toString(low), StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve(CHECKPOINT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        checkpointed = low;
    }

    private long countUnackedBytes() throws IOException {
        long bytes = 0;
        for (long seq = acks.low(); seq < nextSeq; seq++) {
            if (readSegment == null || seq >= readSegment.endSeq()) {
                positionReader(seq);
            }
            int n = SpoolSegment.read(readChannel, readPos, readSegment.bytes, seq).diskBytes();
            readPos += n;
            bytes += n;
        }
        closeReader();
        return bytes;
    }

    private void closeReader() {
        if (readChannel != null) {
            try {
                readChannel.close();
            } catch (IOException e) {
                LOG.debug("closing spool reader: {}", e.toString());
            }
        }
        readChannel = null;
        readSegment = null;
    }

    /** True when the spool's files reached {@code maxBytes}. */
    public boolean full() {
        synchronized (lock) {
            return diskBytes >= settings.maxBytes();
        }
    }

    /** Bytes of segment files on disk (including acknowledged events in segments not yet deleted). */
    public long diskBytes() {
        synchronized (lock) {
            return diskBytes;
        }
    }

    /** Bytes of events appended but not yet acknowledged. */
    public long pendingBytes() {
        synchronized (lock) {
            return unackedBytes;
        }
    }

    /** Events appended but not yet acknowledged by the broker. */
    public long pendingEvents() {
        synchronized (lock) {
            return nextSeq - acks.low() - acks.ackedAboveLow();
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * Syncs and closes the files. Events not acknowledged stay on disk for the next run; when everything was
     * acknowledged the segments are deleted, leaving only the checkpoint.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
            closeReader();
            try {
                if (activeChannel != null) {
                    activeChannel.force(true);
                    activeChannel.close();
                }
                if (active != null && active.endSeq() <= acks.low()) {
                    active = null;
                    deleteAckedSegments();
                }
                writeCheckpoint();
            } catch (IOException e) {
                LOG.warn("event spool close failed in {}: {}", dir, e.toString());
            }
        }
    }
}
