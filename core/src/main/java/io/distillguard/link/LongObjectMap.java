package io.distillguard.link;

import java.util.Arrays;

/**
 * Open-addressing hash map from {@code long} keys to objects (linear probing, power-of-two table, no removal): the
 * index of prompt-template hashes without a boxed key or a node per entry.
 *
 * @param <V> value type
 */
final class LongObjectMap<V> {
    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private boolean hasZero;
    private Object zeroValue;
    private int size;

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key == 0) {
            return (V) zeroValue;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    void put(long key, V value) {
        if (key == 0) {
            size += hasZero ? 0 : 1;
            hasZero = true;
            zeroValue = value;
            return;
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            keys[i] = key;
            size++;
        }
        values[i] = value;
        if (size * 4 >= keys.length * 3) {
            grow();
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
        Arrays.fill(oldValues, null);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
