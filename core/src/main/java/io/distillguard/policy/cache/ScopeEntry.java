package io.distillguard.policy.cache;

import io.distillguard.policy.decision.Decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decisions held for one scope: an immutable snapshot, replaced as a whole on each write so that readers never
 * lock. Enforced and shadow decisions are kept apart, each most severe first.
 */
final class ScopeEntry {

    private final Decision[] enforced;
    private final Decision[] shadow;

    private ScopeEntry(Decision[] enforced, Decision[] shadow) {
        this.enforced = enforced;
        this.shadow = shadow;
    }

    static ScopeEntry of(List<Decision> decisions) {
        Decision[] all = decisions.toArray(Decision[]::new);
        Arrays.sort(all, Decision.MOST_SEVERE_FIRST);
        return new ScopeEntry(Arrays.stream(all).filter(Decision::enforced).toArray(Decision[]::new),
                Arrays.stream(all).filter(d -> !d.enforced()).toArray(Decision[]::new));
    }

    /** The most severe enforced decision active at {@code now}, or null. */
    Decision firstEnforced(Instant now) {
        for (Decision d : enforced) {
            if (d.activeAt(now)) {
                return d;
            }
        }
        return null;
    }

    void addActiveEnforced(Instant now, List<Decision> into) {
        for (Decision d : enforced) {
            if (d.activeAt(now)) {
                into.add(d);
            }
        }
    }

    void addActiveShadow(Instant now, List<Decision> into) {
        for (Decision d : shadow) {
            if (d.activeAt(now)) {
                into.add(d);
            }
        }
    }

    /** Every decision active at {@code now}, as a mutable list. */
    List<Decision> active(Instant now) {
        List<Decision> out = new ArrayList<>(enforced.length + shadow.length);
        addActiveEnforced(now, out);
        addActiveShadow(now, out);
        return out;
    }

    int size() {
        return enforced.length + shadow.length;
    }
}
