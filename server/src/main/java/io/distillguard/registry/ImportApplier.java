package io.distillguard.registry;

import io.distillguard.registry.ImportEntries.AccountEntry;
import io.distillguard.registry.ImportEntries.KeyEntry;
import io.distillguard.registry.ImportEntries.OrgEntry;
import io.distillguard.registry.ImportEntries.TierEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Writes checked import entries to the registry, counting what was created, changed or already as given. */
final class ImportApplier {

    private final Registry registry;
    private final List<IssuedKey> issued = new ArrayList<>();
    private final List<ImportError> errors = new ArrayList<>();
    private int created;
    private int updated;
    private int unchanged;

    ImportApplier(Registry registry) {
        this.registry = registry;
    }

    ImportReport apply(List<TierEntry> tiers, List<OrgEntry> orgs, List<AccountEntry> accounts, List<KeyEntry> keys) {
        for (TierEntry t : tiers) {
            Optional<Tier> old = registry.tier(t.tier().name());
            if (count(old, t.tier())) {
                check(t.line(), "tiers", registry.putTier(t.tier()));
            }
        }
        for (OrgEntry o : orgs) {
            Optional<Organization> old = registry.org(o.id());
            Organization org = new Organization(o.id(),
                    o.name() != null ? o.name() : old.map(Organization::name).orElse(o.id()),
                    o.createdAt() != null ? o.createdAt() : old.map(Organization::createdAt).orElse(registry.now()));
            if (count(old, org)) {
                check(o.line(), "orgs", registry.putOrg(org));
            }
        }
        for (AccountEntry a : accounts) {
            Optional<Account> old = registry.account(a.id());
            Account account = new Account(a.id(), a.orgId(),
                    a.tier() != null ? a.tier() : old.map(Account::tierName).orElse(DefaultTiers.FREE),
                    a.createdAt() != null ? a.createdAt() : old.map(Account::createdAt).orElse(registry.now()),
                    a.emailDomain(), a.paymentFingerprintHash(), a.verifiedIdHash(), a.signupPath(), a.verified(),
                    a.status() != null ? a.status() : old.map(Account::status).orElse(AccountStatus.ACTIVE));
            if (count(old, account)) {
                check(a.line(), "accounts", registry.putAccount(account));
            }
        }
        keys.forEach(this::applyKey);
        return new ImportReport(created, updated, unchanged, issued, errors);
    }

    private void applyKey(KeyEntry k) {
        Optional<StoredKey> old = registry.storedKey(k.id());
        if (k.hash() == null) {
            if (old.isPresent()) {
                unchanged++;
            } else if (check(k.line(), "keys", registry.createKey(k.id(), k.accountId(), k.name()))
                    instanceof Outcome.Ok<IssuedKey> ok) {
                issued.add(ok.value());
                created++;
            }
            return;
        }
        ApiKey key = new ApiKey(k.id(), k.accountId(), k.name(),
                k.createdAt() != null ? k.createdAt() : old.map(s -> s.key().createdAt()).orElse(registry.now()),
                k.revokedAt());
        boolean same = old.isPresent() && old.get().key().equals(key)
                && Arrays.equals(old.get().hash().salt(), k.hash().salt())
                && Arrays.equals(old.get().hash().hash(), k.hash().hash());
        if (count(same ? Optional.of(key) : old.map(StoredKey::key), key)) {
            check(k.line(), "keys", registry.putKey(key, k.hash()));
        }
    }

    /** Counts the change from {@code old} to {@code value}; true when there is something to write. */
    private <T> boolean count(Optional<T> old, T value) {
        if (old.isEmpty()) {
            created++;
            return true;
        }
        if (old.get().equals(value)) {
            unchanged++;
            return false;
        }
        updated++;
        return true;
    }

    /** A change refused at write time (a concurrent edit since the check) becomes an error of its line. */
    private <T> Outcome<T> check(int line, String section, Outcome<T> outcome) {
        if (outcome instanceof Outcome.Rejected<T> r) {
            errors.add(new ImportError(line, section + (r.param() == null ? "" : "." + r.param()), r.message()));
        }
        return outcome;
    }
}
