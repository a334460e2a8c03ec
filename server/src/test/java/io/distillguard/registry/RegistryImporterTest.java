package io.distillguard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillguard.registry.AuthResult.Authenticated;
import io.distillguard.registry.AuthResult.Denied;
import io.distillguard.store.Database;
import io.distillguard.time.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryImporterTest {

    /** The secret an upstream system hashed for key_legacy, with salt 00..0f. */
    private static final String LEGACY_SECRET = "LegacySecretFromTheOldGateway0123456789abcd";
    private static final byte[] SALT = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    private static final String YAML = """
            tiers:
              - name: research
                requestsPerMinute: 60
                inputTokensPerMinute: 100000
                outputTokensPerMinute: 20000
                outputTokensPerDay: 1000000
                maxTokensCeiling: 8192
            orgs:
              - {id: org_acme, name: Acme Corp, createdAt: 2024-11-05T08:30:00Z}
              - {id: org_lab, name: Lab}
            accounts:
              - id: acct_acme_1
                org: org_acme
                tier: research
                emailDomain: acme.example
                paymentFingerprintHash: pf_1f2e
                verifiedIdHash: vid_9a
                signupPath: sales
                verified: true
              - {id: acct_lab_1, org: org_lab, status: suspended}
            keys:
              - {id: key_ci, account: acct_acme_1, name: ci}
              - {id: key_legacy, account: acct_acme_1, name: legacy, salt: 000102030405060708090a0b0c0d0e0f,
                 hash: %s, createdAt: 2024-12-01T00:00:00Z}
            """.formatted(HexFormat.of().formatHex(KeyHash.digest(SALT, LEGACY_SECRET)));

    @TempDir
    Path dir;

    private Database db;
    private Registry registry;
    private RegistryImporter importer;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        registry = Registry.open(db, new VirtualClock(Instant.parse("2025-03-01T00:00:00Z").toEpochMilli()));
        importer = new RegistryImporter(registry);
    }

    @AfterEach
    void close() {
        registry.close();
        db.close();
    }

    @Test
    void yamlImportCreatesEverythingAndIsIdempotent() {
        ImportReport first = importer.importYaml(YAML);

        assertThat(first.errors()).isEmpty();
        assertThat(first.created()).isEqualTo(7);
        assertThat(first.issuedKeys()).singleElement().satisfies(k -> {
            assertThat(k.key().id()).isEqualTo("key_ci");
            assertThat(registry.authenticate(k.secret())).isInstanceOf(Authenticated.class);
        });
        assertThat(registry.authenticate("sk-dg-key_legacy-" + LEGACY_SECRET)).isInstanceOfSatisfying(
                Authenticated.class, a -> assertThat(a.principal().tier().requestsPerMinute()).isEqualTo(60));
        assertThat(registry.org("org_acme").orElseThrow().createdAt()).isEqualTo(Instant.parse("2024-11-05T08:30:00Z"));
        Account acme = registry.account("acct_acme_1").orElseThrow();
        assertThat(acme).extracting(Account::emailDomain, Account::paymentFingerprintHash, Account::signupPath,
                Account::verified).containsExactly("acme.example", "pf_1f2e", "sales", true);
        Account lab = registry.account("acct_lab_1").orElseThrow();
        assertThat(lab.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(lab.tierName()).isEqualTo("free");

        ImportReport again = importer.importYaml(YAML);
        assertThat(again.errors()).isEmpty();
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(7);
        assertThat(again.issuedKeys()).isEmpty();
        assertThat(registry.authenticate(first.issuedKeys().getFirst().secret())).isInstanceOf(Authenticated.class);

        ImportReport renamed = importer.importYaml("orgs:\n  - {id: org_lab, name: Lab Two}\n");
        assertThat(renamed.updated()).isEqualTo(1);
        assertThat(registry.org("org_lab").orElseThrow().name()).isEqualTo("Lab Two");
    }

    @Test
    void badRowsAreReportedWithLinesAndNothingIsApplied() {
        String yaml = """
                orgs:
                  - {id: org_ok, name: Fine}
                accounts:
                  - {id: acct_1, org: org_ok, tier: gold}
                  - {id: acct_2, org: org_ghost}
                  - {id: acct_3, org: org_ok, verified: maybe, status: frozen}
                keys:
                  - {id: key-bad, account: acct_1}
                  - {id: key_2, account: acct_1, salt: zz, hash: 00}
                tiers:
                  - name: t
                    requestsPerMinute: 0
                    inputTokensPerMinute: 1
                    outputTokensPerMinute: 1
                    outputTokensPerDay: 1
                """;
        ImportReport report = importer.importYaml(yaml);

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).extracting(ImportError::toString).containsExactlyInAnyOrder(
                "line 6, accounts.verified: 'maybe' is not true or false",
                "line 6, accounts.status: 'frozen' is not active, suspended or closed",
                "line 8, keys.id: 'key-bad' must match [A-Za-z0-9_]{1,64}",
                "line 9, keys.salt: 'zz' is not hex",
                "line 11, tiers.requestsPerMinute: 0 is out of range 1.." + Long.MAX_VALUE,
                "line 11, tiers.maxTokensCeiling: is required",
                "line 4, accounts.tier: tier 'gold' is neither in the registry nor in this file",
                "line 5, accounts.org: organization 'org_ghost' is neither in the registry nor in this file");
        assertThat(registry.org("org_ok")).isEmpty();
        assertThat(registry.accounts()).isEmpty();
    }

    @Test
    void malformedYamlNamesItsLine() {
        ImportReport report = importer.importYaml("orgs:\n  - {id: org_a, name: A}\n  - {id: [unclosed\n");
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void csvImportsAccountsWithTheirOrgsAndKeys() throws Exception {
        String csv = """
                org_id,org_name,account_id,tier,email_domain,signup_path,verified,status,key_id,key_name
                org_north,North Labs,acct_n1,tier-1,north.example,web,true,,key_n1,"laptop, home"
                org_north,North Labs,acct_n2,tier-2,north.example,"web
                referral",false,active,,
                org_south,,acct_s1,,south.example,api,no,suspended,key_s1,
                """;
        Path file = dir.resolve("accounts.csv");
        Files.writeString(file, csv);
        ImportReport report = importer.importFile(file);

        assertThat(report.errors()).isEmpty();
        assertThat(report.issuedKeys()).extracting(k -> k.key().id()).containsExactly("key_n1", "key_s1");
        assertThat(registry.orgs()).extracting(Organization::id, Organization::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("org_north", "North Labs"),
                        org.assertj.core.groups.Tuple.tuple("org_south", "org_south"));
        assertThat(registry.account("acct_n2").orElseThrow().signupPath()).isEqualTo("web\nreferral");
        assertThat(registry.key("key_n1").orElseThrow().name()).isEqualTo("laptop, home");
        assertThat(registry.authenticate(report.issuedKeys().get(1).secret()))
                .isEqualTo(new Denied(AuthResult.Reason.ACCOUNT_SUSPENDED));

        ImportReport again = importer.importCsv(csv);
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.issuedKeys()).isEmpty();

        ImportReport bad = importer.importCsv("""
                org_id,account_id,tier
                org_north,acct_n3,tier-1
                org_north,acct_n4,"multi
                line"
                org_north,acct_n5,platinum
                """);
        assertThat(bad.errors()).extracting(ImportError::toString).containsExactly(
                "line 3, accounts.tier: 'multi\nline' must match [A-Za-z0-9_.-]{1,64}",
                "line 5, accounts.tier: tier 'platinum' is neither in the registry nor in this file");
        assertThat(registry.account("acct_n3")).isEmpty();
    }
}
