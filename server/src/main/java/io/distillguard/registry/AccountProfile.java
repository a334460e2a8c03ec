package io.distillguard.registry;

/** What the detection engine knows about an account: its signup attributes and status, and the tier it is on. */
public record AccountProfile(Account account, Tier tier) {
}
