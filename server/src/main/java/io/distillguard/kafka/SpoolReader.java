package io.distillguard.kafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads one spool segment sequentially through a large buffer (one read syscall per megabyte, not two per record),
 * never past what the appender has published, and checks each record's CRC. Used by the drainer thread only.
 */
final class SpoolReader implements AutoCloseable {
    private static final int BUFFER = 1 << 20;

    private ByteBuffer buf = ByteBuffer.allocate(BUFFER).limit(0);
    private long bufFilePos; // file offset of buf[0]; buf holds [bufFilePos, bufFilePos + limit)
    private SpoolSegment segment;
    private FileChannel channel;
    private long filePos;
    private long seq;

    /** Positions the reader at record {@code target} of {@code s}, walking the records before it. */
    void seek(SpoolSegment s, long target) throws IOException {
        close();
        segment = s;
        channel = FileChannel.open(s.path, StandardOpenOption.READ);
        filePos = 0;
        bufFilePos = 0;
        buf.limit(0);
        seq = s.baseSeq;
        while (seq < target) {
            if (next() == null) {
                throw new IOException("spool record " + target + " is past the end of " + s.path);
            }
        }
    }

    /** The segment being read, or null before the first {@link #seek}. */
    SpoolSegment segment() {
        return segment;
    }

    /** True when every record of a sealed segment was read: the next one is in the following segment. */
    boolean atSealedEnd() {
        return segment != null && segment.sealed && filePos >= segment.bytes;
    }

    /** The next published record, or null when the reader has caught up with the appender. */
    SpoolRecord next() throws IOException {
        long published = segment.bytes;
        if (filePos + SpoolSegment.HEADER > published) {
            return null;
        }
        ensure(SpoolSegment.HEADER, published);
        int at = (int) (filePos - bufFilePos);
        int keyLength = buf.getInt(at);
        int valueLength = buf.getInt(at + 4);
        int crc = buf.getInt(at + 8);
        if (keyLength < 0 || valueLength < 0 || keyLength > SpoolSegment.MAX_RECORD
                || valueLength > SpoolSegment.MAX_RECORD
                || filePos + SpoolSegment.HEADER + keyLength + valueLength > published) {
            throw new IOException("spool record " + seq + " in " + segment.path + " has a corrupt header");
        }
        int size = SpoolSegment.HEADER + keyLength + valueLength;
        ensure(size, published);
        at = (int) (filePos - bufFilePos) + SpoolSegment.HEADER;
        byte[] array = buf.array();
        CRC32C check = new CRC32C();
        check.update(array, at, keyLength + valueLength);
        if ((int) check.getValue() != crc) {
            throw new IOException("spool record " + seq + " in " + segment.path + " fails its CRC check");
        }
        SpoolRecord r = new SpoolRecord(seq, Arrays.copyOfRange(array, at, at + keyLength),
                Arrays.copyOfRange(array, at + keyLength, at + keyLength + valueLength));
        filePos += size;
        seq++;
        return r;
    }

    /** Makes {@code need} bytes from {@link #filePos} available in the buffer, reading ahead up to the buffer's size. */
    private void ensure(int need, long published) throws IOException {
        if (filePos + need <= bufFilePos + buf.limit()) {
            return;
        }
        int keep = (int) (bufFilePos + buf.limit() - filePos);
        ByteBuffer target = need > buf.capacity() ? ByteBuffer.allocate(need) : buf;
        System.arraycopy(buf.array(), (int) (filePos - bufFilePos), target.array(), 0, Math.max(0, keep));
        buf = target;
        bufFilePos = filePos;
        buf.limit(buf.capacity()).position(Math.max(0, keep));
        long end = Math.min(published, bufFilePos + buf.capacity());
        buf.limit((int) (end - bufFilePos));
        while (buf.hasRemaining()) {
            if (channel.read(buf, bufFilePos + buf.position()) < 0) {
                throw new IOException("spool segment " + segment.path + " is shorter than published");
            }
        }
        buf.flip();
        buf.limit((int) (end - bufFilePos));
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // read-only channel: nothing to lose
            }
        }
        channel = null;
        segment = null;
    }
}
