package io.distillguard.registry;

/** Who is calling: the authenticated key with its account, organisation and the tier that limits it. */
public record Principal(Organization org, Account account, ApiKey key, Tier tier) {
}
