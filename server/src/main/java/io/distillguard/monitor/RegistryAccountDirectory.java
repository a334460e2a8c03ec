package io.distillguard.monitor;

import io.distillguard.detect.account.AccountDirectory;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.account.TierLimits;
import io.distillguard.registry.Account;
import io.distillguard.registry.Registry;
import io.distillguard.registry.Tier;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The detection engine's view of the registry: account attributes used for linking and tier limits used by the
 * volume signals. Profiles are cached and rebuilt only when the registry's account or tier object changed.
 */
public final class RegistryAccountDirectory implements AccountDirectory {
    private static final TierLimits UNKNOWN_TIER = new TierLimits("unknown", 60, 100_000, 100_000, 1_000_000);

    private record Cached(Account account, Tier tier, AccountProfile profile) {}

    private final Registry registry;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public RegistryAccountDirectory(Registry registry) {
        this.registry = registry;
    }

    @Override
    public AccountProfile profile(String accountId) {
        Account account = registry.account(accountId).orElse(null);
        if (account == null) {
            return new AccountProfile(accountId, null, UNKNOWN_TIER, Instant.EPOCH, null, null, null, null, false, null);
        }
        Tier tier = registry.tier(account.tierName()).orElse(null);
        Cached c = cache.get(accountId);
        if (c != null && c.account == account && c.tier == tier) {
            return c.profile;
        }
        TierLimits limits = tier == null ? UNKNOWN_TIER : new TierLimits(tier.name(), tier.requestsPerMinute(),
                tier.inputTokensPerMinute(), tier.outputTokensPerMinute(), tier.outputTokensPerDay());
        AccountProfile p = new AccountProfile(accountId, account.orgId(), limits, account.createdAt(),
                account.emailDomain(), account.paymentFingerprintHash(), account.verifiedIdHash(),
                account.signupPath(), account.verified(), null);
        cache.put(accountId, new Cached(account, tier, p));
        return p;
    }
}
