package io.distillguard.sim.run;

import io.distillguard.sim.source.Arrival;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Walks all populations' arrivals in one event-time order (ties: population order), without copying them.
 */
final class TrafficMerge {
    private final List<PopulationPlan> populations;
    private final PriorityQueue<int[]> heads; // {population, index}

    TrafficMerge(List<PopulationPlan> populations) {
        this.populations = populations;
        this.heads = new PriorityQueue<>((a, b) -> {
            int c = Long.compare(arrival(a).atMs(), arrival(b).atMs());
            return c != 0 ? c : Integer.compare(a[0], b[0]);
        });
        for (PopulationPlan p : populations) {
            if (!p.arrivals().isEmpty()) {
                heads.add(new int[] {p.index(), 0});
            }
        }
    }

    private Arrival arrival(int[] head) {
        return populations.get(head[0]).arrivals().get(head[1]);
    }

    boolean hasNext() {
        return !heads.isEmpty();
    }

    /** Time of the next arrival; call only when {@link #hasNext()}. */
    long peekTime() {
        return arrival(heads.peek()).atMs();
    }

    /** The next arrival's {population, index in that population's arrivals}. */
    int[] next() {
        int[] head = heads.poll();
        int[] out = {head[0], head[1]};
        if (head[1] + 1 < populations.get(head[0]).arrivals().size()) {
            head[1]++;
            heads.add(head);
        }
        return out;
    }
}
