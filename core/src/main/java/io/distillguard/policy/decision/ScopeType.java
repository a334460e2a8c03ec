package io.distillguard.policy.decision;

/** What a decision is attached to: the controlling entity, one account, or one API key. */
public enum ScopeType {
    ENTITY,
    ACCOUNT,
    KEY
}
