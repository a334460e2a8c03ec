package io.distillguard.sim.source;

import java.util.List;
import java.util.SplittableRandom;

/** The prompts a population draws from, in file order (at most {@code limit} of them), immutable. */
public record PromptPool(String source, List<PromptItem> items) {

    public PromptPool {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no prompts read from " + source);
        }
        items = List.copyOf(items);
    }

    public PromptItem random(SplittableRandom rnd) {
        return items.get(rnd.nextInt(items.size()));
    }

    /** Item {@code i} modulo the pool size: campaigns walk a dataset in order. */
    public PromptItem at(long i) {
        return items.get((int) Math.floorMod(i, (long) items.size()));
    }

    public int size() {
        return items.size();
    }
}
