package io.distillguard.backtest;

import io.distillguard.policy.decision.Decision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Accumulates, per entity, the decisions a backtest made and the requests its refusing decisions would have turned
 * away. Bounded by the number of decisions made (one entry per actioned entity, one id per decision).
 */
final class ActionTally {

    private static final class Entry {
        final Decision first;
        int decisions;
        long refused;
        long tokens;
        long refusedLive;
        long estimated;
        long unestimated;

        Entry(Decision first) {
            this.first = first;
        }
    }

    private final Map<String, Entry> byEntity = new LinkedHashMap<>();
    private final Map<String, String> entityOfDecision = new HashMap<>();

    /** A new decision (not a refresh) made for {@code entityId}. */
    void decided(Decision d, String entityId) {
        byEntity.computeIfAbsent(entityId, k -> new Entry(d)).decisions++;
        entityOfDecision.put(d.id(), entityId);
    }

    /** A request that decision {@code decisionId} would have refused, with the output tokens that withholds. */
    void refused(String decisionId, WithheldTokenEstimator.Withheld withheld) {
        Entry e = byEntity.get(entityOfDecision.get(decisionId));
        if (e != null) {
            e.refused++;
            e.tokens += withheld.tokens();
            if (withheld.estimated() || withheld.unestimated()) {
                e.refusedLive++;
                e.estimated += withheld.tokens();
                e.unestimated += withheld.unestimated() ? 1 : 0;
            }
        }
    }

    /** The outcomes, most refused requests first, then by first decision time. */
    List<EntityOutcome> outcomes(Function<String, List<String>> accountsOf) {
        List<EntityOutcome> out = new ArrayList<>();
        byEntity.forEach((entity, e) -> {
            List<String> accounts = accountsOf.apply(entity);
            out.add(new EntityOutcome(entity, accounts.isEmpty() ? e.first.evidence().accounts() : accounts,
                    e.first.issuedAt(), e.first.ruleName(), e.first.action(), e.first.mode().name().toLowerCase(),
                    e.decisions, e.refused, e.tokens, e.refusedLive, e.estimated, e.unestimated));
        });
        out.sort(Comparator.comparingLong(EntityOutcome::requestsRefused).reversed()
                .thenComparing(EntityOutcome::firstDecisionAt).thenComparing(EntityOutcome::entityId));
        return out;
    }
}
