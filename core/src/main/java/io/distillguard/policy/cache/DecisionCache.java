package io.distillguard.policy.cache;

import io.distillguard.policy.decision.Allow;
import io.distillguard.policy.decision.Decision;
import io.distillguard.policy.decision.Evidence;
import io.distillguard.policy.decision.Issuance;
import io.distillguard.policy.decision.Scope;
import io.distillguard.policy.decision.ScopeType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The decisions the gateway enforces, read on its event loop without locks: for a request, the effective decision is
 * the most severe active ENFORCE decision held for its key, its account or its entity (so an entity decision reaches
 * every account and key the entity controls). Shadow decisions are held and counted but never returned for
 * enforcement. Expiry follows the injected clock; expired decisions are purged on writes, so memory is bounded by the
 * active decisions (at most one per issuer, mode and scope).
 */
public final class DecisionCache {

    /** Writes between two automatic purges of expired decisions. */
    static final int PURGE_EVERY = 1024;

    private final Clock clock;
    private final Map<ScopeType, ConcurrentHashMap<String, ScopeEntry>> byScope = new EnumMap<>(ScopeType.class);
    private final ConcurrentHashMap<String, LongAdder> shadowHits = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    public DecisionCache(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (ScopeType t : ScopeType.values()) {
            byScope.put(t, new ConcurrentHashMap<>());
        }
    }

    /**
     * The decision to enforce on a request by {@code keyId} of {@code accountId} controlled by {@code entityId} (any
     * may be null): the most severe active enforce decision over the three scopes, or {@link Allow#NONE}.
     */
    public Decision effective(String keyId, String accountId, String entityId) {
        Instant now = clock.instant();
        Decision best = first(ScopeType.KEY, keyId, now);
        best = moreSevere(best, first(ScopeType.ACCOUNT, accountId, now));
        best = moreSevere(best, first(ScopeType.ENTITY, entityId, now));
        return best == null ? Allow.NONE : best;
    }

    /** Every active enforce decision over the three scopes, most severe first (e.g. a watermark under a throttle). */
    public List<Decision> active(String keyId, String accountId, String entityId) {
        return collect(keyId, accountId, entityId, true);
    }

    /** Every active shadow decision over the three scopes: what would be enforced. Never for enforcement. */
    public List<Decision> shadow(String keyId, String accountId, String entityId) {
        return collect(keyId, accountId, entityId, false);
    }

    /**
     * Records a decision. An active decision of the same issuer, mode and action on the same scope is refreshed (its
     * expiry extended, its id kept) instead of duplicated; a different action of the same issuer replaces it.
     */
    public RecordOutcome record(Decision decision) {
        Instant now = clock.instant();
        RecordOutcome[] outcome = new RecordOutcome[1];
        map(decision.scope().type()).compute(decision.scope().id(), (id, entry) -> {
            List<Decision> held = entry == null ? new ArrayList<>() : entry.active(now);
            Decision prior = null;
            for (Decision d : held) {
                if (d.ruleName().equals(decision.ruleName()) && d.mode() == decision.mode()) {
                    prior = d;
                }
            }
            if (prior != null && decision.withIssuance(prior.issuance()).equals(prior)) {
                Decision refreshed = prior.withIssuance(extend(prior.issuance(), decision.expiresAt()));
                held.set(held.indexOf(prior), refreshed);
                outcome[0] = new RecordOutcome(RecordOutcome.Kind.REFRESHED, refreshed);
            } else {
                held.remove(prior);
                held.add(decision);
                outcome[0] = new RecordOutcome(RecordOutcome.Kind.NEW, decision);
            }
            return ScopeEntry.of(held);
        });
        if (!decision.enforced()) {
            shadowHits.computeIfAbsent(decision.ruleName(), k -> new LongAdder()).increment();
        }
        if (writes.incrementAndGet() % PURGE_EVERY == 0) {
            purgeExpired();
        }
        return outcome[0];
    }

    /** Applies an operator's action; the returned outcome holds the decision to audit. */
    public RecordOutcome apply(ManualAction action) {
        Instant now = clock.instant();
        Instant expires = action.duration() == null ? null : now.plus(action.duration());
        Issuance issuance = new Issuance(Issuance.idFor(action.issuer(), action.scope(), now), action.issuer(),
                action.mode(), action.scope(), now, expires, ManualAction.PRIORITY, Evidence.note(action.reason()));
        return record(action.action().issue(issuance));
    }

    /** Removes the lifted decisions (active or not) and returns them. */
    public List<Decision> lift(Lift lift) {
        List<Decision> removed = new ArrayList<>();
        map(lift.scope().type()).computeIfPresent(lift.scope().id(), (id, entry) -> {
            List<Decision> keep = new ArrayList<>();
            for (Decision d : entry.active(Instant.MIN)) {
                if (lift.decisionId() == null || lift.decisionId().equals(d.id())) {
                    removed.add(d);
                } else {
                    keep.add(d);
                }
            }
            return keep.isEmpty() ? null : ScopeEntry.of(keep);
        });
        return removed;
    }

    /** The held decision (active or awaiting purge, enforce or shadow) with id {@code decisionId}; a linear scan. */
    public Optional<Decision> find(String decisionId) {
        for (ConcurrentHashMap<String, ScopeEntry> m : byScope.values()) {
            for (ScopeEntry e : m.values()) {
                for (Decision d : e.active(Instant.MIN)) {
                    if (d.id().equals(decisionId)) {
                        return Optional.of(d);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Drops every expired decision; returns how many. Runs by itself every {@value #PURGE_EVERY} writes. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int[] purged = {0};
        for (ConcurrentHashMap<String, ScopeEntry> m : byScope.values()) {
            for (String id : m.keySet()) {
                m.computeIfPresent(id, (k, entry) -> {
                    List<Decision> active = entry.active(now);
                    purged[0] += entry.size() - active.size();
                    return active.isEmpty() ? null : ScopeEntry.of(active);
                });
            }
        }
        return purged[0];
    }

    /** Decisions held (active or awaiting purge), enforce and shadow. */
    public int size() {
        return byScope.values().stream().flatMap(m -> m.values().stream()).mapToInt(ScopeEntry::size).sum();
    }

    /** Every enforced decision in force now, on any scope, most severe first (an operator's overview). */
    public List<Decision> inForce() {
        Instant now = clock.instant();
        List<Decision> out = new ArrayList<>();
        for (ConcurrentHashMap<String, ScopeEntry> m : byScope.values()) {
            for (ScopeEntry e : m.values()) {
                e.addActiveEnforced(now, out);
            }
        }
        out.sort(Decision.MOST_SEVERE_FIRST);
        return out;
    }

    /** How many shadow decisions each rule has produced (each evaluation that matched counts). */
    public Map<String, Long> shadowHits() {
        Map<String, Long> out = new TreeMap<>();
        shadowHits.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private List<Decision> collect(String keyId, String accountId, String entityId, boolean enforced) {
        Instant now = clock.instant();
        List<Decision> out = new ArrayList<>();
        String[] ids = {keyId, accountId, entityId};
        ScopeType[] types = {ScopeType.KEY, ScopeType.ACCOUNT, ScopeType.ENTITY};
        for (int i = 0; i < 3; i++) {
            ScopeEntry e = ids[i] == null ? null : map(types[i]).get(ids[i]);
            if (e != null && enforced) {
                e.addActiveEnforced(now, out);
            } else if (e != null) {
                e.addActiveShadow(now, out);
            }
        }
        out.sort(Decision.MOST_SEVERE_FIRST);
        return out;
    }

    private Decision first(ScopeType type, String id, Instant now) {
        if (id == null) {
            return null;
        }
        ScopeEntry e = map(type).get(id);
        return e == null ? null : e.firstEnforced(now);
    }

    private ConcurrentHashMap<String, ScopeEntry> map(ScopeType type) {
        return byScope.get(type);
    }

    private static Decision moreSevere(Decision a, Decision b) {
        if (a == null) {
            return b;
        }
        return b == null || Decision.MOST_SEVERE_FIRST.compare(a, b) <= 0 ? a : b;
    }

    private static Issuance extend(Issuance i, Instant newExpiry) {
        Instant exp = i.expiresAt() == null || newExpiry == null ? null
                : (newExpiry.isAfter(i.expiresAt()) ? newExpiry : i.expiresAt());
        return new Issuance(i.id(), i.issuer(), i.mode(), i.scope(), i.issuedAt(), exp, i.priority(), i.evidence());
    }
}
