package io.distillguard.kafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One append-only file of the spool, named by the sequence number of its first record. Record layout: key length
 * (int), value length (int), CRC32C of key and value (int), key bytes, value bytes. A torn tail (a crash mid-append) is
 * cut off when the segment is recovered.
 */
final class SpoolSegment {
    static final int HEADER = 12;
    private static final int MAX_RECORD = 64 << 20;

    final Path path;
    final long baseSeq;
    int count;
    long bytes;

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
                ch.truncate(pos);
                ch.force(true);
            }
            segment.bytes = pos;
        }
        return segment;
    }

    static ByteBuffer encode(byte[] key, byte[] value) {
        CRC32C crc = new CRC32C();
        crc.update(key);
        crc.update(value);
        ByteBuffer buf = ByteBuffer.allocate(HEADER + key.length + value.length);
        buf.putInt(key.length).putInt(value.length).putInt((int) crc.getValue()).put(key).put(value).flip();
        return buf;
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
