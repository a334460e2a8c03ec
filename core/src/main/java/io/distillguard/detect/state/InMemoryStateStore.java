package io.distillguard.detect.state;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** A {@link StateStore} on a plain hash map: for one thread-confined detection engine partition. */
public final class InMemoryStateStore<K, S> implements StateStore<K, S> {
    private final Map<K, S> map = new HashMap<>();

    @Override
    public S get(K key) {
        return map.get(key);
    }

    @Override
    public void put(K key, S state) {
        map.put(key, state);
    }

    @Override
    public void remove(K key) {
        map.remove(key);
    }

    @Override
    public long size() {
        return map.size();
    }

    /** Visits every entry (for measurements and snapshots; not part of the keyed-state contract). */
    public void forEach(BiConsumer<K, S> visitor) {
        map.forEach(visitor);
    }
}
