package io.distillguard.registry;

import io.distillguard.store.Database;
import io.distillguard.store.StoreException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of tiers, organisations, accounts and API keys. Every change is written to DuckDB first and then to an
 * in-memory snapshot, so {@link #authenticate} and the getters never touch the database and a change (a revoke, a
 * suspension) is seen by the very next call. Changes are serialised; reads are lock-free. Thread-safe.
 */
public final class Registry implements AccountDirectory, AutoCloseable {

    private final RegistryTables tables;
    private final Clock clock;
    private final Map<String, Tier> tiers = new ConcurrentHashMap<>();
    private final Map<String, Organization> orgs = new ConcurrentHashMap<>();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<Account>> accountCreated =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private Registry(RegistryTables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
    }

    /** Loads the registry from {@code db}; an empty registry is seeded with {@link DefaultTiers}. */
    public static Registry open(Database db, Clock clock) {
        Registry r = new Registry(new RegistryTables(db), clock);
        try {
            r.tables.tiers().forEach(t -> r.tiers.put(t.name(), t));
            r.tables.orgs().forEach(o -> r.orgs.put(o.id(), o));
            r.tables.accounts().forEach(a -> r.accounts.put(a.id(), a));
            r.tables.keys().forEach(k -> r.keys.put(k.key().id(), k));
            if (r.tiers.isEmpty()) {
                DefaultTiers.all().forEach(r::putTier);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot load the registry", e);
        }
        return r;
    }

    /**
     * Runs {@code work} (calls on this registry) as one database transaction whose rows are written together at the
     * end, so that creating thousands of accounts and keys takes a few statements rather than one per row (the
     * simulator provisions scenarios with it). A failure writes nothing to the database; the in-memory view may then
     * hold entries the database lacks, so callers treat a failure as fatal.
     */
    public synchronized <T> T inTransaction(java.util.function.Supplier<T> work) {
        try {
            return tables.inTransaction(work);
        } catch (SQLException e) {
            throw new StoreException("registry transaction failed", e);
        }
    }

    // ---- authentication

    /** Checks a bearer token ({@code sk-dg-<keyId>-<secret>}, optionally prefixed "Bearer "). In memory only. */
    public AuthResult authenticate(String bearerToken) {
        Optional<BearerToken> parsed = BearerToken.parse(bearerToken);
        if (parsed.isEmpty()) {
            return new AuthResult.Denied(AuthResult.Reason.MALFORMED);
        }
        StoredKey stored = keys.get(parsed.get().keyId());
        if (stored == null) {
            return new AuthResult.Denied(AuthResult.Reason.UNKNOWN_KEY);
        }
        if (!stored.hash().matches(parsed.get().secret())) {
            return new AuthResult.Denied(AuthResult.Reason.BAD_SECRET);
        }
        if (stored.key().revoked()) {
            return new AuthResult.Denied(AuthResult.Reason.REVOKED);
        }
        Account account = accounts.get(stored.key().accountId());
        if (account == null || account.status() == AccountStatus.CLOSED) {
            return new AuthResult.Denied(AuthResult.Reason.ACCOUNT_CLOSED);
        }
        if (account.status() == AccountStatus.SUSPENDED) {
            return new AuthResult.Denied(AuthResult.Reason.ACCOUNT_SUSPENDED);
        }
        return new AuthResult.Authenticated(
                new Principal(orgs.get(account.orgId()), account, stored.key(), tiers.get(account.tierName())));
    }

    @Override
    public Optional<AccountProfile> profile(String accountId) {
        Account a = accountId == null ? null : accounts.get(accountId);
        return a == null ? Optional.empty() : Optional.of(new AccountProfile(a, tiers.get(a.tierName())));
    }

    // ---- tiers

    /** Creates or replaces a tier; accounts on it get the new limits at once. */
    public synchronized Outcome<Tier> putTier(Tier tier) {
        try {
            tables.put(tier);
        } catch (SQLException e) {
            throw new StoreException("cannot store tier " + tier.name(), e);
        }
        tiers.put(tier.name(), tier);
        return Outcome.ok(tier);
    }

    public Optional<Tier> tier(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(tiers.get(name));
    }

    /** All tiers by name. */
    public List<Tier> tiers() {
        return tiers.values().stream().sorted(Comparator.comparing(Tier::name)).toList();
    }

    // ---- organisations

    /** Creates an organisation; {@code id} null generates {@code org_...}. */
    public synchronized Outcome<Organization> createOrg(String id, String name) {
        String orgId = id == null ? Ids.random("org_", 16) : id;
        if (orgs.containsKey(orgId)) {
            return Outcome.exists("id", "organization " + orgId + " already exists");
        }
        try {
            return putOrg(new Organization(orgId, name, now()));
        } catch (IllegalArgumentException e) {
            return Outcome.invalid(null, e.getMessage());
        }
    }

    /** Creates or replaces an organisation as given (imports). */
    public synchronized Outcome<Organization> putOrg(Organization org) {
        try {
            tables.put(org);
        } catch (SQLException e) {
            throw new StoreException("cannot store organization " + org.id(), e);
        }
        orgs.put(org.id(), org);
        return Outcome.ok(org);
    }

    public Optional<Organization> org(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(orgs.get(id));
    }

    /** All organisations by id. */
    public List<Organization> orgs() {
        return orgs.values().stream().sorted(Comparator.comparing(Organization::id)).toList();
    }

    // ---- accounts

    /** Creates an ACTIVE account in an existing organisation. */
    public synchronized Outcome<Account> createAccount(NewAccount spec) {
        String id = spec.id() == null ? Ids.random("acct_", 16) : spec.id();
        if (accounts.containsKey(id)) {
            return Outcome.exists("id", "account " + id + " already exists");
        }
        String tier = spec.tierName() == null ? DefaultTiers.FREE : spec.tierName();
        try {
            return putAccount(new Account(id, spec.orgId(), tier, now(), spec.emailDomain(),
                    spec.paymentFingerprintHash(), spec.verifiedIdHash(), spec.signupPath(), spec.verified(),
                    AccountStatus.ACTIVE));
        } catch (IllegalArgumentException e) {
            return Outcome.invalid(null, e.getMessage());
        }
    }

    /** Creates or replaces an account as given (imports); its org and tier must exist and its org cannot change. */
    public synchronized Outcome<Account> putAccount(Account account) {
        if (!orgs.containsKey(account.orgId())) {
            return Outcome.notFound("org_id", "organization " + account.orgId() + " does not exist");
        }
        if (!tiers.containsKey(account.tierName())) {
            return Outcome.notFound("tier", "tier " + account.tierName() + " does not exist");
        }
        Account old = accounts.get(account.id());
        if (old != null && !old.orgId().equals(account.orgId())) {
            return Outcome.exists("org_id", "account " + account.id() + " belongs to organization " + old.orgId());
        }
        Outcome<Account> stored = store(account);
        if (old == null) {
            accountCreated.forEach(l -> l.accept(account));
        }
        return stored;
    }

    /**
     * Calls {@code listener} with every account created from now on (by the admin API, an import or
     * {@link #createAccount}; not the accounts loaded at start), on the creating thread: it must only hand off.
     */
    public void onAccountCreated(java.util.function.Consumer<Account> listener) {
        accountCreated.add(java.util.Objects.requireNonNull(listener));
    }

    public synchronized Outcome<Account> setAccountTier(String accountId, String tierName) {
        Account a = accounts.get(accountId);
        if (a == null) {
            return Outcome.notFound("id", "account " + accountId + " does not exist");
        }
        if (tierName == null || !tiers.containsKey(tierName)) {
            return Outcome.notFound("tier", "tier " + tierName + " does not exist");
        }
        return store(a.withTier(tierName));
    }

    /** Suspending or closing an account denies its keys from the next authenticate call on. */
    public synchronized Outcome<Account> setAccountStatus(String accountId, AccountStatus status) {
        Account a = accounts.get(accountId);
        if (a == null) {
            return Outcome.notFound("id", "account " + accountId + " does not exist");
        }
        if (status == null) {
            return Outcome.invalid("status", "status must be one of active, suspended, closed");
        }
        return store(a.withStatus(status));
    }

    private Outcome<Account> store(Account a) {
        try {
            tables.put(a);
        } catch (SQLException e) {
            throw new StoreException("cannot store account " + a.id(), e);
        }
        accounts.put(a.id(), a);
        return Outcome.ok(a);
    }

    public Optional<Account> account(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(accounts.get(id));
    }

    /** All accounts by id. */
    public List<Account> accounts() {
        return accounts.values().stream().sorted(Comparator.comparing(Account::id)).toList();
    }

    /** The accounts of one organisation, by id. */
    public List<Account> accountsOf(String orgId) {
        return accounts.values().stream().filter(a -> a.orgId().equals(orgId))
                .sorted(Comparator.comparing(Account::id)).toList();
    }

    // ---- keys

    /** Issues a key with a generated id {@code key_...}; the returned secret is never stored nor shown again. */
    public Outcome<IssuedKey> createKey(String accountId, String name) {
        return createKey(Ids.random("key_", 16), accountId, name);
    }

    /** Issues a key with the given id (imports that want stable ids). */
    public synchronized Outcome<IssuedKey> createKey(String keyId, String accountId, String name) {
        if (keyId == null || !Ids.KEY_ID.matcher(keyId).matches()) {
            return Outcome.invalid("id", "key id must match " + Ids.KEY_ID.pattern() + ", got: " + keyId);
        }
        if (keys.containsKey(keyId)) {
            return Outcome.exists("id", "key " + keyId + " already exists");
        }
        if (!accounts.containsKey(accountId)) {
            return Outcome.notFound("account_id", "account " + accountId + " does not exist");
        }
        BearerToken token = BearerToken.generate(keyId);
        ApiKey key = new ApiKey(keyId, accountId, name, now(), null);
        store(new StoredKey(key, KeyHash.of(token.secret())));
        return Outcome.ok(new IssuedKey(key, token.value()));
    }

    /** Creates or replaces a key whose secret was hashed elsewhere (imports); a key cannot move to another account. */
    public synchronized Outcome<ApiKey> putKey(ApiKey key, KeyHash hash) {
        if (!accounts.containsKey(key.accountId())) {
            return Outcome.notFound("account_id", "account " + key.accountId() + " does not exist");
        }
        StoredKey old = keys.get(key.id());
        if (old != null && !old.key().accountId().equals(key.accountId())) {
            return Outcome.exists("id", "key " + key.id() + " belongs to account " + old.key().accountId());
        }
        store(new StoredKey(key, hash));
        return Outcome.ok(key);
    }

    /** Revokes a key; the next authenticate call with it is denied. Revoking twice keeps the first time. */
    public synchronized Outcome<ApiKey> revokeKey(String keyId) {
        StoredKey k = keyId == null ? null : keys.get(keyId);
        if (k == null) {
            return Outcome.notFound("id", "key " + keyId + " does not exist");
        }
        if (k.key().revoked()) {
            return Outcome.ok(k.key());
        }
        StoredKey revoked = new StoredKey(k.key().revokedAt(now()), k.hash());
        store(revoked);
        return Outcome.ok(revoked.key());
    }

    private void store(StoredKey k) {
        try {
            tables.put(k);
        } catch (SQLException e) {
            throw new StoreException("cannot store key " + k.key().id(), e);
        }
        keys.put(k.key().id(), k);
    }

    public Optional<ApiKey> key(String id) {
        StoredKey k = id == null ? null : keys.get(id);
        return k == null ? Optional.empty() : Optional.of(k.key());
    }

    /** A key with its hash, for imports that compare before writing. */
    Optional<StoredKey> storedKey(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(keys.get(id));
    }

    /** The keys of one account, revoked ones included, by creation time. */
    public List<ApiKey> keysOf(String accountId) {
        return keys.values().stream().map(StoredKey::key).filter(k -> k.accountId().equals(accountId))
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id)).toList();
    }

    /** The registry's clock, truncated to the millisecond the tables store. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public synchronized void close() {
        try {
            tables.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the registry", e);
        }
    }
}
