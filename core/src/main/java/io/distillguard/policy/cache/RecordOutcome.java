package io.distillguard.policy.cache;

import io.distillguard.policy.decision.Decision;

/**
 * What recording a decision did to the cache: {@code NEW} (first time this issuer acts this way on the scope:
 * worth an audit record) or {@code REFRESHED} (an active identical decision was extended; no new audit record).
 *
 * @param kind     new or refreshed
 * @param decision the decision now held (for a refresh: the original id with the later expiry)
 */
public record RecordOutcome(Kind kind, Decision decision) {

    public enum Kind { NEW, REFRESHED }

    public boolean isNew() {
        return kind == Kind.NEW;
    }
}
