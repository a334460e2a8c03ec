package io.distillguard.kafka;

/** One event read back from the spool: its sequence number, Kafka key and encoded value. */
record SpoolRecord(long seq, byte[] key, byte[] value) {
    /** Bytes the record takes on disk. */
    int diskBytes() {
        return SpoolSegment.HEADER + key.length + value.length;
    }
}
