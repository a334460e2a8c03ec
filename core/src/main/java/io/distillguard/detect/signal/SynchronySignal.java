package io.distillguard.detect.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Accounts that start and stop together: mean pairwise Jaccard similarity of the members' activity masks over the
 * last 64 five-minute slots (at most 32 members compared). Independent people overlap little; accounts behind one
 * scheduler or load balancer are active in the same slots.
 */
public final class SynchronySignal implements Signal {
    static final int MIN_ACTIVE_SLOTS = 4;
    static final int MAX_COMPARED = 32;
    static final double REFERENCE = 0.1;

    @Override
    public String name() {
        return "synchrony";
    }

    @Override
    public double defaultWeight() {
        return 0.2;
    }

    @Override
    public SignalScore score(EntityView view) {
        List<Member> active = new ArrayList<>();
        for (Member m : view.members()) {
            if (m.traffic().slots().activeSlots(view.nowMs()) >= MIN_ACTIVE_SLOTS && active.size() < MAX_COMPARED) {
                active.add(m);
            }
        }
        if (active.size() < 3) {
            return SignalScore.deferred(name(), 0, 0, 0, "%d recently active account(s); nothing to synchronise",
                    active.size());
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < active.size(); i++) {
            for (int j = i + 1; j < active.size(); j++) {
                sum += active.get(i).traffic().slots().jaccard(active.get(j).traffic().slots());
                pairs++;
            }
        }
        double mean = sum / pairs;
        return SignalScore.deferred(name(), mean, REFERENCE, Calibration.ramp(mean, 0.4, 0.8),
                "%d recently active accounts share %.0f%% of their active 5-minute slots on average",
                active.size(), mean * 100);
    }
}
