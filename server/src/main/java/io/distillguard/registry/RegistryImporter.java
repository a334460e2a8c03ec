package io.distillguard.registry;

import io.distillguard.registry.ImportEntries.AccountEntry;
import io.distillguard.registry.ImportEntries.KeyEntry;
import io.distillguard.registry.ImportEntries.OrgEntry;
import io.distillguard.registry.ImportEntries.TierEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Bulk-loads tiers, organisations, accounts and keys into the {@link Registry} from YAML or CSV. The whole file is
 * checked first (fields, duplicates, references to the registry or to the file) and nothing is changed when any record
 * is wrong; every error names its line. Re-importing the same file changes nothing: records are keyed by id, and a
 * key that already exists is never re-issued.
 *
 * <p>YAML: a mapping with any of these lists (fields in camelCase; optional ones may be left out)
 * <pre>
 * tiers:    - {name, requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute, outputTokensPerDay, maxTokensCeiling}
 * orgs:     - {id, name, createdAt?}
 * accounts: - {id, org, tier?, emailDomain?, paymentFingerprintHash?, verifiedIdHash?, signupPath?, verified?, status?,
 *              createdAt?}
 * keys:     - {id, account, name?}                     a secret is generated, returned once in the report
 *           - {id, account, name?, salt, hash, createdAt?, revokedAt?}
 *                                                      already hashed: hex salt and hex SHA-256(salt || secret)
 * </pre>
 * Instants are ISO-8601 ({@code 2025-01-31T12:00:00Z}); status is active, suspended or closed; tier defaults to free.
 *
 * <p>CSV: a header line and one account per row, columns in any order: {@code org_id, org_name, account_id, tier,
 * email_domain, payment_fingerprint_hash, verified_id_hash, signup_path, verified, status, created_at, key_id,
 * key_name, key_salt, key_hash}. Each row also creates its org when missing and, when {@code key_id} is set, a key.
 */
public final class RegistryImporter {

    private final Registry registry;

    public RegistryImporter(Registry registry) {
        this.registry = registry;
    }

    public ImportReport importYaml(String text) {
        return run(ImportFileReaders.yaml(text));
    }

    public ImportReport importCsv(String text) {
        return run(ImportFileReaders.csv(text));
    }

    /** Imports {@code file} as CSV when its name ends in .csv, else as YAML. */
    public ImportReport importFile(Path file) {
        try {
            String text = Files.readString(file);
            return file.getFileName().toString().toLowerCase().endsWith(".csv") ? importCsv(text) : importYaml(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private synchronized ImportReport run(ImportFileReaders.Parsed parsed) {
        if (!parsed.errors().isEmpty()) {
            return ImportReport.failed(parsed.errors());
        }
        ImportEntries e = ImportEntries.of(parsed.rows());
        List<ImportError> errors = e.errors;
        List<TierEntry> tiers = unique(e.tiers, t -> t.tier().name(), TierEntry::tier, TierEntry::line, "tiers", errors);
        List<OrgEntry> orgs = unique(e.orgs, OrgEntry::id, o -> Arrays.asList(o.name(), o.createdAt()),
                OrgEntry::line, "orgs", errors);
        List<AccountEntry> accounts = unique(e.accounts, AccountEntry::id,
                a -> Arrays.asList(a.orgId(), a.tier(), a.emailDomain(), a.paymentFingerprintHash(), a.verifiedIdHash(),
                        a.signupPath(), a.verified(), a.status(), a.createdAt()),
                AccountEntry::line, "accounts", errors);
        List<KeyEntry> keys = unique(e.keys, KeyEntry::id, k -> Arrays.asList(k.accountId(), k.name(),
                        k.hash() == null ? null : HexFormat.of().formatHex(k.hash().salt()) + HexFormat.of().formatHex(
                                k.hash().hash()), k.createdAt(), k.revokedAt()),
                KeyEntry::line, "keys", errors);
        checkReferences(tiers, orgs, accounts, keys, errors);
        if (!errors.isEmpty()) {
            return ImportReport.failed(errors);
        }
        return new ImportApplier(registry).apply(tiers, orgs, accounts, keys);
    }

    /** Drops exact repeats of a record (CSV repeats the org on each row); a conflicting repeat is an error. */
    private static <E> List<E> unique(List<E> entries, Function<E, String> id, Function<E, Object> content,
                                      Function<E, Integer> line, String section, List<ImportError> errors) {
        Map<String, E> first = new LinkedHashMap<>();
        for (E entry : entries) {
            E seen = first.putIfAbsent(id.apply(entry), entry);
            if (seen != null && !content.apply(seen).equals(content.apply(entry))) {
                errors.add(new ImportError(line.apply(entry), section + ".id", "'" + id.apply(entry)
                        + "' is defined differently on line " + line.apply(seen)));
            }
        }
        return new ArrayList<>(first.values());
    }

    private void checkReferences(List<TierEntry> tiers, List<OrgEntry> orgs, List<AccountEntry> accounts,
                                 List<KeyEntry> keys, List<ImportError> errors) {
        Set<String> tierNames = new HashSet<>();
        tiers.forEach(t -> tierNames.add(t.tier().name()));
        Set<String> orgIds = new HashSet<>();
        orgs.forEach(o -> orgIds.add(o.id()));
        Set<String> accountIds = new HashSet<>();
        accounts.forEach(a -> accountIds.add(a.id()));
        for (AccountEntry a : accounts) {
            if (!orgIds.contains(a.orgId()) && registry.org(a.orgId()).isEmpty()) {
                errors.add(new ImportError(a.line(), "accounts.org",
                        "organization '" + a.orgId() + "' is neither in the registry nor in this file"));
            }
            if (a.tier() != null && !tierNames.contains(a.tier()) && registry.tier(a.tier()).isEmpty()) {
                errors.add(new ImportError(a.line(), "accounts.tier",
                        "tier '" + a.tier() + "' is neither in the registry nor in this file"));
            }
            registry.account(a.id()).filter(old -> !old.orgId().equals(a.orgId())).ifPresent(old -> errors.add(
                    new ImportError(a.line(), "accounts.org", "account '" + a.id() + "' belongs to organization '"
                            + old.orgId() + "'")));
        }
        for (KeyEntry k : keys) {
            if (!accountIds.contains(k.accountId()) && registry.account(k.accountId()).isEmpty()) {
                errors.add(new ImportError(k.line(), "keys.account",
                        "account '" + k.accountId() + "' is neither in the registry nor in this file"));
            }
            registry.key(k.id()).filter(old -> !old.accountId().equals(k.accountId())).ifPresent(old -> errors.add(
                    new ImportError(k.line(), "keys.account", "key '" + k.id() + "' belongs to account '"
                            + old.accountId() + "'")));
            if (k.hash() == null && (k.revokedAt() != null || k.createdAt() != null)) {
                errors.add(new ImportError(k.line(), "keys.hash",
                        "createdAt and revokedAt are for already-hashed keys (give salt and hash)"));
            }
        }
    }
}
