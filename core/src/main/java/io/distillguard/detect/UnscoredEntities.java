package io.distillguard.detect;

import io.distillguard.detect.risk.EntityRiskState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entities waiting for a scoring, in the order a {@code LinkedHashSet} of their ids would keep them (an entity
 * sits where it was last added while absent), without a hash operation per scoring: every entity is queued and
 * un-queued once per scoring cycle, and on that path its {@link EntityRiskState} is at hand. Membership is the
 * state's {@code queueSeq} (0 = not queued); the queue is an append-only log of (id, state, seq) in which an entry
 * counts only while its state still carries its seq, compacted when stale entries outnumber the live ones.
 */
final class UnscoredEntities {
    private static final int MIN_COMPACT = 1024;

    private String[] ids = new String[16];
    private EntityRiskState[] states = new EntityRiskState[16];
    private long[] seqs = new long[16];
    private int size;
    private int live;
    private long nextSeq = 1;

    /** Queues {@code id} (whose stored state is {@code state}) at the end unless it is queued already. */
    void add(String id, EntityRiskState state) {
        if (state.queueSeq != 0) {
            return;
        }
        if (size == ids.length) {
            if (size - live >= Math.max(MIN_COMPACT, live)) {
                compact();
            }
            if (size == ids.length) {
                int capacity = size + (size >> 1);
                ids = Arrays.copyOf(ids, capacity);
                states = Arrays.copyOf(states, capacity);
                seqs = Arrays.copyOf(seqs, capacity);
            }
        }
        long seq = nextSeq++;
        ids[size] = id;
        states[size] = state;
        seqs[size] = seq;
        size++;
        state.queueSeq = seq;
        live++;
    }

    /** Takes {@code state}'s entity out of the queue (no-op when it is not queued). */
    void remove(EntityRiskState state) {
        if (state.queueSeq != 0) {
            state.queueSeq = 0;
            live--;
            if (live == 0) {
                clear();
            }
        }
    }

    /** The queued ids, oldest first. */
    List<String> ids() {
        List<String> out = new ArrayList<>(live);
        for (int i = 0; i < size; i++) {
            if (states[i].queueSeq == seqs[i]) {
                out.add(ids[i]);
            }
        }
        return out;
    }

    int size() {
        return live;
    }

    private void compact() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (states[i].queueSeq == seqs[i]) {
                ids[kept] = ids[i];
                states[kept] = states[i];
                seqs[kept] = seqs[i];
                kept++;
            }
        }
        Arrays.fill(ids, kept, size, null);
        Arrays.fill(states, kept, size, null);
        size = kept;
    }

    private void clear() {
        Arrays.fill(ids, 0, size, null);
        Arrays.fill(states, 0, size, null);
        size = 0;
    }
}
