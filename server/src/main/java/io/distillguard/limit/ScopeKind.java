package io.distillguard.limit;

/**
 * The level a limit applies at. An entity is the group of accounts one controller owns (resolved elsewhere), so a
 * fleet of light accounts shares one entity budget.
 */
public enum ScopeKind {
    KEY, ACCOUNT, ORG, ENTITY
}
