package io.distillguard.detect.state;

/**
 * Keyed state as the detectors use it: get, then put back after changing it. Shaped like Flink's keyed
 * {@code ValueState} (which needs the explicit put for heap-external backends), so the detectors run unchanged on an
 * in-memory map now and on a Flink state backend later.
 *
 * @param <K> key type (account id, entity id)
 * @param <S> state type
 */
public interface StateStore<K, S> {

    /** The state of {@code key}, or null when there is none. */
    S get(K key);

    /** Stores {@code state} as the state of {@code key}. */
    void put(K key, S state);

    /** Drops the state of {@code key}. */
    void remove(K key);

    /** Number of keys with state. */
    long size();
}
