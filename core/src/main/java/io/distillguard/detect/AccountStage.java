package io.distillguard.detect;

import io.distillguard.detect.account.AccountDirectory;
import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.state.StateStore;
import io.distillguard.event.UsageEvent;
import io.distillguard.link.AccountLinker;
import java.util.Objects;

/**
 * The per-account half of detection: each account's record (directory profile, traffic profile, link state) and its
 * update by one event. Split from {@link DetectionEngine} so that a distributed job can run the same code keyed by
 * account; it needs no other account's state.
 */
public final class AccountStage {
    private final DetectionConfig config;
    private final AccountDirectory directory;
    private final StateStore<String, AccountState> accounts;

    public AccountStage(DetectionConfig config, AccountDirectory directory, StateStore<String, AccountState> accounts) {
        this.config = Objects.requireNonNull(config);
        this.directory = Objects.requireNonNull(directory);
        this.accounts = Objects.requireNonNull(accounts);
    }

    /** The record of {@code accountId}, created (profile from the directory, registered with the linker) if new. */
    public AccountState account(String accountId, AccountLinker linker) {
        AccountState account = accounts.get(accountId);
        if (account == null) {
            AccountProfile profile = directory.profile(accountId);
            account = new AccountState(profile, linker.register(profile));
            accounts.put(accountId, account);
        }
        return account;
    }

    /** Gives the linker the directory's profile of {@code accountId} (idempotent), without creating its record. */
    public void registerLinks(String accountId, AccountLinker linker) {
        AccountProfile profile = directory.profile(accountId);
        if (profile != null) {
            linker.register(profile);
        }
    }

    /** Adds {@code e} to the account's traffic profile; returns the hour it closed (for the baselines), or -1. */
    public long update(AccountState account, UsageEvent e) {
        return account.traffic.update(e, account.profile.tier(), config.maxTokensCeiling());
    }

    /** The record of {@code accountId} with its profile refreshed from the directory (for scoring), or null. */
    public AccountState member(String accountId) {
        AccountState account = accounts.get(accountId);
        if (account != null) {
            account.profile = directory.profile(accountId);
        }
        return account;
    }

    /** {@code account} with its profile refreshed from the directory (for scoring), as {@link #member} does. */
    public AccountState refreshed(AccountState account) {
        account.profile = directory.profile(account.links.accountId());
        return account;
    }

    /** The record of {@code accountId} as it is, or null. */
    public AccountState get(String accountId) {
        return accounts.get(accountId);
    }
}
