package io.distillguard.kafka;

import io.distillguard.config.SpoolSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead disk spool in front of Kafka: a FIFO of encoded usage events in append-only segment files. Every
 * event is appended before it is sent; a segment is deleted only when the broker acknowledged all its events, so an
 * outage or a restart loses nothing that was appended.
 *
 * <p>Three parties, no lock held across I/O that another one waits on: one appender ({@link #append}, the metering
 * thread: one {@code write} into the page cache, no fsync unless {@code fsync: always}); one reader, the drainer
 * ({@link #poll} batches through a buffered {@link SpoolReader}, {@link #rewind}, and {@link #maintain}, which does
 * the interval fsyncs, seals rolled segments, deletes acknowledged ones and writes the checkpoint); and the producer's
 * thread, which reports acknowledged ranges ({@link #acked}). The checkpoint file keeps the acknowledged low-water
 * mark, so that a restart resends at most the events acknowledged in the last checkpoint interval.
 */
public final class EventSpool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSpool.class);
    private static final String CHECKPOINT = "acked.offset";
    /** Size of the group-commit buffer: appends in it reach the file in one {@code write}. */
    static final int GROUP_BYTES = 256 << 10;
    /** Longest time an appended event stays in the group-commit buffer. */
    static final long GROUP_NANOS = 1_000_000;

    private final Path dir;
    private final SpoolSettings settings;
    private final ConcurrentSkipListMap<Long, SpoolSegment> segments = new ConcurrentSkipListMap<>();
    private final ReentrantLock appendLock = new ReentrantLock();
    private final AckWatermark acks;
    private final ConcurrentLinkedQueue<FileChannel> rolled = new ConcurrentLinkedQueue<>();
    private final AtomicLong diskBytes = new AtomicLong();
    private volatile SpoolSegment active;
    private volatile FileChannel activeChannel;
    private volatile long nextSeq;
    private volatile long publishedSeq;
    private final ByteBuffer group = ByteBuffer.allocateDirect(GROUP_BYTES);
    private int buffered;
    private final Thread flusher;
    private volatile boolean dirty;
    private volatile boolean closed;
    private volatile Thread waitingReader;
    // drainer thread only
    private final SpoolReader reader = new SpoolReader();
    private long readSeq;
    private long lastSyncNanos = System.nanoTime();
    private long checkpointed;

    private EventSpool(Path dir, SpoolSettings settings, List<SpoolSegment> recovered, long low) {
        this.dir = dir;
        this.settings = settings;
        for (SpoolSegment s : recovered) {
            segments.put(s.baseSeq, s);
            diskBytes.addAndGet(s.bytes);
        }
        this.nextSeq = recovered.isEmpty() ? low : Math.max(low, recovered.getLast().endSeq());
        this.publishedSeq = nextSeq;
        long first = recovered.isEmpty() ? nextSeq : Math.max(low, recovered.getFirst().baseSeq);
        this.acks = new AckWatermark(first);
        this.checkpointed = first;
        this.readSeq = first;
        this.flusher = Thread.ofPlatform().name("distillguard-spool-flusher").daemon(true).unstarted(this::flushLoop);
    }

    /** Opens (or creates) the spool in {@code dir}, recovering the segments and checkpoint a previous run left. */
    public static EventSpool open(Path dir, SpoolSettings settings) {
        try {
            Files.createDirectories(dir);
            List<SpoolSegment> recovered = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.seg")).sorted()
                        .toList()) {
                    SpoolSegment s = SpoolSegment.recover(f);
                    if (s.count == 0) {
                        Files.delete(f);
                    } else {
                        recovered.add(s);
                    }
                }
            }
            Path checkpoint = dir.resolve(CHECKPOINT);
            long low = Files.exists(checkpoint) ? Long.parseLong(Files.readString(checkpoint).strip()) : 0;
            EventSpool spool = new EventSpool(dir, settings, recovered, low);
            spool.deleteAckedSegments();
            spool.flusher.start();
            if (spool.pendingEvents() > 0) {
                LOG.info("spool {}: {} events ({} bytes) left by a previous run will be sent first", dir,
                        spool.pendingEvents(), spool.diskBytes());
            }
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open event spool " + dir, e);
        }
    }

    /**
     * Appends one event and returns its sequence number. Group commit: the record goes into a buffer that is written
     * to the segment file in one {@code write} when the drainer asks for more ({@link #poll}), when it holds
     * {@link #GROUP_BYTES}, or at most {@link #GROUP_NANOS} later (the flusher thread); with {@code fsync: always} it
     * is written and fsynced before this returns. Never refuses: the caller checks {@link #full()} first.
     */
    public long append(byte[] key, byte[] value) {
        int size = SpoolSegment.size(key, value);
        boolean first;
        long seq;
        appendLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("event spool is closed");
            }
            if (active == null || (active.count > 0 || buffered > 0)
                    && active.bytes + group.position() + size > settings.segmentBytes()) {
                flushLocked();
                roll();
            }
            if (size > group.remaining()) {
                flushLocked();
            }
            boolean direct = size > group.capacity();
            if (direct) {
                writeFully(SpoolSegment.encode(key, value));
                active.publish(size, 1);
            } else {
                SpoolSegment.encodeInto(group, key, value);
                buffered++;
            }
            diskBytes.addAndGet(size);
            seq = nextSeq;
            nextSeq = seq + 1;
            if (direct) {
                publishedSeq = nextSeq;
            }
            if (settings.fsync() == SpoolSettings.Fsync.ALWAYS) {
                flushLocked();
                activeChannel.force(false);
            }
            first = buffered == 1;
        } catch (IOException e) {
            throw new UncheckedIOException("event spool append failed in " + dir, e);
        } finally {
            appendLock.unlock();
        }
        if (first) {
            LockSupport.unpark(flusher);
        }
        return seq;
    }

    /** Writes the group-commit buffer to the active segment and publishes its records to the reader. */
    private void flushLocked() throws IOException {
        if (buffered == 0) {
            return;
        }
        int records = buffered;
        long bytes = group.position();
        group.flip();
        writeFully(group);
        group.clear();
        buffered = 0;
        active.publish(bytes, records);
        if (settings.fsync() == SpoolSettings.Fsync.INTERVAL) {
            dirty = true;
        }
        publishedSeq = nextSeq;
        Thread w = waitingReader;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    private void writeFully(ByteBuffer buf) throws IOException {
        FileChannel ch = activeChannel;
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Writes what is buffered now (the drainer, the flusher and {@link #maintain} call this). */
    private void flush() {
        appendLock.lock();
        try {
            if (!closed) {
                flushLocked();
            }
        } catch (IOException e) {
            LOG.warn("event spool write failed in {}: {}", dir, e.toString());
        } finally {
            appendLock.unlock();
        }
    }

    /** The flusher thread: bounds how long an appended event waits in the buffer when nobody else flushes it. */
    private void flushLoop() {
        while (!closed) {
            if (publishedSeq == nextSeq) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, GROUP_NANOS);
                flush();
            }
        }
    }

    /** Starts a new segment; the old one's fsync and close are left to {@link #maintain} (off the accept path). */
    private void roll() throws IOException {
        SpoolSegment next = SpoolSegment.create(dir, nextSeq);
        FileChannel ch = FileChannel.open(next.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        segments.put(next.baseSeq, next);
        SpoolSegment old = active;
        FileChannel oldChannel = activeChannel;
        active = next;
        activeChannel = ch;
        if (old != null) {
            old.sealed = true;
            rolled.add(oldChannel);
        }
    }

    /**
     * Up to {@code maxRecords} / about {@code maxBytes} of the next events not yet acknowledged after the reader's
     * position, waiting up to {@code waitMs} for the first; empty when none came or the spool closed. Drainer only.
     */
    public List<SpoolRecord> poll(int maxRecords, long maxBytes, long waitMs) {
        List<SpoolRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + waitMs * 1_000_000;
        try {
            while (!closed) {
                if (readSeq >= publishedSeq && publishedSeq < nextSeq) {
                    flush(); // caught up with the file: take what is buffered now instead of waiting for the flusher
                }
                fill(out, maxRecords, maxBytes);
                long left = deadline - System.nanoTime();
                if (!out.isEmpty() || left <= 0) {
                    return out;
                }
                waitingReader = Thread.currentThread();
                if (readSeq >= nextSeq && !closed) {
                    LockSupport.parkNanos(this, left);
                }
                waitingReader = null;
            }
            reader.close();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("event spool read failed in " + dir, e);
        }
    }

    private void fill(List<SpoolRecord> out, int maxRecords, long maxBytes) throws IOException {
        long skipBelow;
        synchronized (acks) {
            skipBelow = acks.highestEnd();
        }
        long bytes = 0;
        while (out.size() < maxRecords && bytes < maxBytes && readSeq < publishedSeq) {
            if (reader.segment() == null || reader.atSealedEnd()) {
                Map.Entry<Long, SpoolSegment> s = segments.floorEntry(readSeq);
                if (s == null || readSeq >= s.getValue().endSeq() && s.getValue().sealed) {
                    throw new IOException("spool record " + readSeq + " is in no segment of " + dir);
                }
                reader.seek(s.getValue(), readSeq);
            }
            SpoolRecord r = reader.next();
            if (r == null) {
                return;
            }
            readSeq = r.seq() + 1;
            if (r.seq() < skipBelow && isAcked(r.seq())) {
                continue;
            }
            out.add(r);
            bytes += r.diskBytes();
        }
    }

    private boolean isAcked(long seq) {
        synchronized (acks) {
            return acks.isAcked(seq);
        }
    }

    /**
     * Moves the reader back to the oldest unacknowledged event (after a failed send and a new producer); events
     * acknowledged since are skipped by {@link #poll}. Drainer only.
     */
    public void rewind() {
        synchronized (acks) {
            readSeq = acks.low();
        }
        reader.close();
    }

    /** The broker acknowledged events {@code [fromSeq, toSeq)} (one producer batch, or a part of it). */
    public void acked(long fromSeq, long toSeq) {
        synchronized (acks) {
            acks.ack(fromSeq, toSeq);
        }
    }

    /**
     * The drainer's housekeeping between sends: fsyncs and closes rolled segments, fsyncs the active one and writes
     * the checkpoint every {@code fsyncIntervalMs}, deletes segments whose events were all acknowledged.
     */
    public void maintain() {
        flush();
        try {
            for (FileChannel ch; (ch = rolled.poll()) != null; ) {
                if (settings.fsync() != SpoolSettings.Fsync.NEVER) {
                    ch.force(false);
                }
                ch.close();
            }
            if (!closed && System.nanoTime() - lastSyncNanos >= settings.fsyncIntervalMs() * 1_000_000L) {
                lastSyncNanos = System.nanoTime();
                FileChannel ch = activeChannel;
                if (dirty && ch != null && settings.fsync() == SpoolSettings.Fsync.INTERVAL) {
                    dirty = false;
                    ch.force(false);
                }
                writeCheckpoint();
            }
        } catch (ClosedChannelException e) {
            LOG.debug("spool closed during maintenance");
        } catch (IOException e) {
            LOG.warn("event spool sync failed in {}: {}", dir, e.toString());
        }
        deleteAckedSegments();
    }

    private synchronized void deleteAckedSegments() {
        long low;
        synchronized (acks) {
            low = acks.low();
        }
        for (Map.Entry<Long, SpoolSegment> e; (e = segments.firstEntry()) != null; ) {
            SpoolSegment s = e.getValue();
            if (!s.sealed || s.endSeq() > low) {
                return;
            }
            segments.remove(e.getKey());
            try {
                Files.deleteIfExists(s.path);
            } catch (IOException ex) {
                LOG.warn("could not delete acknowledged spool segment {}: {}", s.path, ex.toString());
            }
            diskBytes.addAndGet(-s.bytes);
        }
    }

    private synchronized void writeCheckpoint() throws IOException {
        long low;
        synchronized (acks) {
            low = acks.low();
        }
        if (low == checkpointed) {
            return;
        }
        Path tmp = dir.resolve(CHECKPOINT + ".tmp");
        Files.writeString(tmp, Long.toString(low), StandardCharsets.US_ASCII);
        Files.move(tmp, dir.resolve(CHECKPOINT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        checkpointed = low;
    }

    /** True when the spool's files reached {@code maxBytes}. Lock-free: the gateway asks on every request. */
    public boolean full() {
        return diskBytes.get() >= settings.maxBytes();
    }

    /** Bytes of segment files on disk (including acknowledged events in segments not yet deleted). */
    public long diskBytes() {
        return diskBytes.get();
    }

    /** Events appended but not yet acknowledged by the broker. */
    public long pendingEvents() {
        synchronized (acks) {
            return nextSeq - acks.low() - acks.ackedAboveLow();
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * Syncs and closes the files. Events not acknowledged stay on disk for the next run; when everything was
     * acknowledged the segments are deleted, leaving only the checkpoint. Call after the drainer stopped.
     */
    @Override
    public void close() {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            flushLocked();
            closed = true;
            LockSupport.unpark(flusher);
            Thread w = waitingReader;
            if (w != null) {
                LockSupport.unpark(w);
            }
            maintain();
            if (activeChannel != null) {
                activeChannel.force(true);
                activeChannel.close();
                active.sealed = true;
            }
            deleteAckedSegments();
            writeCheckpoint();
        } catch (IOException e) {
            LOG.warn("event spool close failed in {}: {}", dir, e.toString());
        } finally {
            appendLock.unlock();
        }
    }
}
