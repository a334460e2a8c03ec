package io.distillguard.detect.sketch;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The shape every piece of bounded per-key state shares, so that state can be merged across accounts of one entity and
 * moved in and out of a keyed state backend (Flink) as bytes. Each implementation also has a static
 * {@code fromBytes(byte[])} / {@code readFrom(DataInput)} pair.
 *
 * @param <T> the implementing type
 */
public interface Sketch<T extends Sketch<T>> {

    /** Adds {@code other}'s observations into this sketch. */
    void merge(T other);

    /** Writes the state; {@code readFrom} of the implementing class reads it back. */
    void writeTo(DataOutput out) throws IOException;

    /** The serialised state. */
    default byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
