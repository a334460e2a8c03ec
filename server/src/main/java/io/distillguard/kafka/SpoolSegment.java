package io.distillguard.kafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One append-only file of the spool, named by the sequence number of its first record. Record layout: key length
 * (int), value length (int), CRC32C of key and value (int), key bytes, value bytes. A torn tail (a crash mid-append) or
 * a record whose CRC does not match is cut off, with everything after it, when the segment is recovered. The single
 * appender publishes {@link #bytes} and {@link #count} (volatile) after each write, so the reader sees only complete
 * records; {@link #sealed} says no more will come.
 */
final class SpoolSegment {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolSegment.class);
    static final int HEADER = 12;
    static final int MAX_RECORD = 64 << 20;

    final Path path;
    final long baseSeq;
    volatile int count;
    volatile long bytes;
    volatile boolean sealed;

    private SpoolSegment(Path path, long baseSeq) {
        this.path = path;
        this.baseSeq = baseSeq;
    }

    static SpoolSegment create(Path dir, long baseSeq) {
        return new SpoolSegment(dir.resolve(fileName(baseSeq)), baseSeq);
    }

    static String fileName(long baseSeq) {
        return String.format("%020d.seg", baseSeq);
    }

    /** Makes {@code records} more appended records of {@code size} bytes in all visible to the reader. */
    void publish(long size, int records) {
        bytes += size;
        count += records;
    }

    /** Sequence number after the last record. */
    long endSeq() {
        return baseSeq + count;
    }

    /** Counts the valid records of an existing file and truncates anything after the last one. */
    static SpoolSegment recover(Path file) throws IOException {
        String name = file.getFileName().toString();
        SpoolSegment segment = new SpoolSegment(file, Long.parseLong(name.substring(0, name.length() - 4)));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long pos = 0;
            long size = ch.size();
            while (true) {
                SpoolRecord r = read(ch, pos, size, segment.baseSeq + segment.count);
                if (r == null) {
                    break;
                }
                pos += r.diskBytes();
                segment.count++;
            }
            if (pos < size) {
                LOG.warn("spool segment {}: cut {} bytes after record {} (torn tail or CRC mismatch)", file,
                        size - pos, segment.baseSeq + segment.count);
                ch.truncate(pos);
                ch.force(true);
            }
            segment.bytes = pos;
        }
        segment.sealed = true;
        return segment;
    }

    static ByteBuffer encode(byte[] key, byte[] value) {
        return encodeInto(ByteBuffer.allocate(size(key, value)), key, value).flip();
    }

    /** Bytes the record of {@code key} and {@code value} takes on disk. */
    static int size(byte[] key, byte[] value) {
        return HEADER + key.length + value.length;
    }

    /** Puts the record at {@code dst}'s position; {@code dst} must have {@link #size} bytes remaining. */
    static ByteBuffer encodeInto(ByteBuffer dst, byte[] key, byte[] value) {
        CRC32C crc = new CRC32C();
        crc.update(key);
        crc.update(value);
        return dst.putInt(key.length).putInt(value.length).putInt((int) crc.getValue()).put(key).put(value);
    }

    /** The record at {@code pos}, or null when there is no complete, intact record there. */
    static SpoolRecord read(FileChannel ch, long pos, long size, long seq) throws IOException {
        if (pos + HEADER > size) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(ch, header, pos);
        header.flip();
        int keyLength = header.getInt();
        int valueLength = header.getInt();
        int crc = header.getInt();
        if (keyLength < 0 || valueLength < 0 || keyLength > MAX_RECORD || valueLength > MAX_RECORD
                || pos + HEADER + keyLength + valueLength > size) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(keyLength + valueLength);
        readFully(ch, body, pos + HEADER);
        byte[] key = new byte[keyLength];
        byte[] value = new byte[valueLength];
        body.flip();
        body.get(key).get(value);
        CRC32C check = new CRC32C();
        check.update(key);
        check.update(value);
        return (int) check.getValue() == crc ? new SpoolRecord(seq, key, value) : null;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of spool segment");
            }
        }
    }
}
