package io.distillguard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.registry.AuthResult.Authenticated;
import io.distillguard.registry.AuthResult.Denied;
import io.distillguard.registry.AuthResult.Reason;
import io.distillguard.store.Database;
import io.distillguard.time.VirtualClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {

    private static final long T0 = Instant.parse("2025-03-01T09:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(T0);

    private static NewAccount account(String id, String org, String tier) {
        return new NewAccount(id, org, tier, "acme.example", "pf_9c1e", "vid_77aa", "web", true);
    }

    @Test
    void emptyRegistryIsSeededWithDefaultTiers() {
        try (Database db = Database.open(dir); Registry r = Registry.open(db, clock)) {
            assertThat(r.tiers()).extracting(Tier::name)
                    .containsExactly("free", "tier-1", "tier-2", "tier-3", "tier-4", "tier-5");
            assertThat(r.tier("tier-1")).get().extracting(Tier::requestsPerMinute).isEqualTo(500L);
        }
    }

    @Test
    void keyLifecycle() {
        try (Database db = Database.open(dir); Registry r = Registry.open(db, clock)) {
            Organization org = r.createOrg(null, "Acme Research").orElseThrow();
            Account acct = r.createAccount(account(null, org.id(), "tier-2")).orElseThrow();
            IssuedKey issued = r.createKey(acct.id(), "ci").orElseThrow();

            assertThat(issued.secret()).startsWith("sk-dg-" + issued.key().id() + "-");
            assertThat(BearerToken.parse(issued.secret()).orElseThrow().secret())
                    .hasSize(BearerToken.SECRET_LENGTH).matches("[0-9A-Za-z]+");
            assertThat(issued.toString()).doesNotContain(issued.secret().substring(30));

            AuthResult ok = r.authenticate("Bearer " + issued.secret());
            assertThat(ok).isInstanceOfSatisfying(Authenticated.class, a -> {
                assertThat(a.principal().org()).isEqualTo(org);
                assertThat(a.principal().account()).isEqualTo(acct);
                assertThat(a.principal().key()).isEqualTo(issued.key());
                assertThat(a.principal().tier().name()).isEqualTo("tier-2");
            });

            String wrong = issued.secret().substring(0, issued.secret().length() - 1)
                    + (issued.secret().endsWith("A") ? "B" : "A");
            assertThat(r.authenticate(wrong)).isEqualTo(new Denied(Reason.BAD_SECRET));
            assertThat(r.authenticate("sk-dg-key_nope-abcdef")).isEqualTo(new Denied(Reason.UNKNOWN_KEY));
            assertThat(r.authenticate("sk-proj-123")).isEqualTo(new Denied(Reason.MALFORMED));
            assertThat(r.authenticate(null)).isEqualTo(new Denied(Reason.MALFORMED));

            r.setAccountStatus(acct.id(), AccountStatus.SUSPENDED).orElseThrow();
            assertThat(r.authenticate(issued.secret())).isEqualTo(new Denied(Reason.ACCOUNT_SUSPENDED));
            r.setAccountStatus(acct.id(), AccountStatus.ACTIVE).orElseThrow();
            assertThat(r.authenticate(issued.secret())).isInstanceOf(Authenticated.class);

            clock.advance(60_000);
            ApiKey revoked = r.revokeKey(issued.key().id()).orElseThrow();
            assertThat(revoked.revokedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 60_000));
            assertThat(r.authenticate(issued.secret())).isEqualTo(new Denied(Reason.REVOKED));
            clock.advance(60_000);
            assertThat(r.revokeKey(issued.key().id()).orElseThrow().revokedAt()).isEqualTo(revoked.revokedAt());
        }
    }

    @Test
    void listenersHearOfCreatedAccountsOnlyNotOfUpdatesNorOfAccountsLoadedAtStart() {
        java.util.List<String> created = new java.util.ArrayList<>();
        try (Database db = Database.open(dir); Registry r = Registry.open(db, clock)) {
            r.onAccountCreated(a -> created.add(a.id()));
            r.createOrg("org_f", "Fleet").orElseThrow();
            r.createAccount(account("acct_1", "org_f", "tier-1")).orElseThrow();
            Account second = r.createAccount(account("acct_2", "org_f", "tier-1")).orElseThrow();
            r.putAccount(second).orElseThrow(); // an import of an existing account
            r.setAccountTier("acct_1", "tier-2").orElseThrow();
            r.createAccount(account("acct_1", "org_f", "tier-1")); // exists: refused
            assertThat(created).containsExactly("acct_1", "acct_2");
        }
        created.clear();
        try (Database db = Database.open(dir); Registry r = Registry.open(db, clock)) {
            r.onAccountCreated(a -> created.add(a.id()));
            assertThat(r.accounts()).hasSize(2);
            assertThat(created).isEmpty();
        }
    }

    @Test
    void changesSurviveReopen() {
        IssuedKey live;
        IssuedKey dead;
        try (Database db = Database.open(dir); Registry r = Registry.open(db, clock)) {
            r.putTier(new Tier("research", 60, 100_000, 20_000, 1_000_000, 8_192)).orElseThrow();
            r.createOrg("org_lab", "Lab").orElseThrow();
            r.createAccount(new NewAccount("acct_a", "org_lab", "research", null, null, null, null, false))
                    .orElseThrow();
            live = r.createKey("acct_a", "live").orElseThrow();
            dead = r.createKey("acct_a", null).orElseThrow();
            r.revokeKey(dead.key().id()).orElseThrow();
            r.setAccountTier("acct_a", "tier-3").orElseThrow();
        }
        try (Database db = Database.open(dir); Registry r = Registry.open(db, clock)) {
            assertThat(r.tiers()).hasSize(7);
            assertThat(r.org("org_lab")).get().extracting(Organization::createdAt).isEqualTo(Instant.ofEpochMilli(T0));
            Account a = r.account("acct_a").orElseThrow();
            assertThat(a.tierName()).isEqualTo("tier-3");
            assertThat(a.emailDomain()).isNull();
            assertThat(r.keysOf("acct_a")).extracting(ApiKey::id)
                    .containsExactlyInAnyOrder(live.key().id(), dead.key().id());
            assertThat(r.authenticate(live.secret())).isInstanceOfSatisfying(Authenticated.class,
                    p -> assertThat(p.principal().tier().name()).isEqualTo("tier-3"));
            assertThat(r.authenticate(dead.secret())).isEqualTo(new Denied(Reason.REVOKED));
            assertThat(r.profile("acct_a")).get().extracting(p -> p.tier().requestsPerMinute()).isEqualTo(5_000L);
            assertThat(r.profile("acct_missing")).isEmpty();
        }
    }

    @Test
    void aTransactionCommitsEverythingOnceOrNothing() {
        try (Database db = Database.open(dir); Registry r = Registry.open(db, clock)) {
            int created = r.inTransaction(() -> {
                r.createOrg("org_bulk", "Bulk").orElseThrow();
                for (int i = 0; i < 50; i++) {
                    r.createAccount(account("acct_bulk_" + i, "org_bulk", "tier-1")).orElseThrow();
                    r.createKey("key_bulk_" + i, "acct_bulk_" + i, "sim").orElseThrow();
                }
                return 50;
            });
            assertThat(created).isEqualTo(50);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.inTransaction(() -> {
                r.createOrg("org_lost", "Lost").orElseThrow();
                throw new IllegalStateException("provisioning failed");
            })).hasMessage("provisioning failed");
        }
        try (Database db = Database.open(dir); Registry r = Registry.open(db, clock)) {
            assertThat(r.accountsOf("org_bulk")).hasSize(50);
            assertThat(r.keysOf("acct_bulk_49")).extracting(ApiKey::id).containsExactly("key_bulk_49");
            assertThat(r.org("org_lost")).isEmpty(); // rolled back in the database
        }
    }

    @Test
    void invalidChangesAreRejectedAsData() {
        try (Database db = Database.open(dir); Registry r = Registry.open(db, clock)) {
            r.createOrg("org_1", "One").orElseThrow();
            assertThat(r.createOrg("org_1", "Again")).isEqualTo(
                    new Outcome.Rejected<>("already_exists", "id", "organization org_1 already exists"));
            assertThat(r.createOrg("bad id!", "x")).isInstanceOf(Outcome.Rejected.class);
            assertThat(r.createOrg(null, " ")).isInstanceOfSatisfying(Outcome.Rejected.class,
                    rej -> assertThat(rej.message()).contains("name"));
            assertThat(r.createAccount(account("acct_1", "org_missing", null))).isInstanceOfSatisfying(
                    Outcome.Rejected.class, rej -> assertThat(rej.code()).isEqualTo("not_found"));
            assertThat(r.createAccount(account("acct_1", "org_1", "platinum"))).isInstanceOfSatisfying(
                    Outcome.Rejected.class, rej -> assertThat(rej.param()).isEqualTo("tier"));
            assertThat(r.createAccount(account("acct_1", "org_1", null)).orElseThrow().tierName()).isEqualTo("free");
            assertThat(r.createKey("key-with-dash", "acct_1", "x")).isInstanceOf(Outcome.Rejected.class);
            assertThat(r.createKey("acct_2", "x")).isInstanceOf(Outcome.Rejected.class);
            assertThat(r.revokeKey("key_unknown")).isInstanceOf(Outcome.Rejected.class);
            assertThat(r.setAccountTier("acct_1", "nope")).isInstanceOf(Outcome.Rejected.class);
            assertThat(r.account("acct_1")).get().extracting(Account::tierName).isEqualTo("free");
        }
    }

    @org.junit.jupiter.api.Test
    void tierLimitsTheLimiterCannotEnforceAreRejectedAtCreation() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new Tier("huge", 60, 100_000_000_000L, 20_000, 1_000_000, 8_192))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per-minute limits");
        org.assertj.core.api.Assertions.assertThat(new Tier("big", 60_000_000_000L, 1, 1, 86_400_000_000_000L, 1).name())
                .isEqualTo("big");
    }
}
