package io.distillguard.registry;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed, field-checked records of an import file. Conversion of {@link ImportRow}s collects every problem with its
 * line instead of stopping at the first; cross-record references are checked later by {@link RegistryImporter}.
 */
final class ImportEntries {

    record TierEntry(int line, Tier tier) {
    }

    /** {@code name} null keeps the current name (or uses the id for a new org). */
    record OrgEntry(int line, String id, String name, Instant createdAt) {
    }

    /** Null {@code tier}, {@code status}, {@code createdAt} keep the current value or take the default. */
    record AccountEntry(int line, String id, String orgId, String tier, String emailDomain,
                        String paymentFingerprintHash, String verifiedIdHash, String signupPath, boolean verified,
                        AccountStatus status, Instant createdAt) {
    }

    /** {@code hash} null: generate a secret when the key does not exist yet. */
    record KeyEntry(int line, String id, String accountId, String name, KeyHash hash, Instant createdAt,
                    Instant revokedAt) {
    }

    final List<TierEntry> tiers = new ArrayList<>();
    final List<OrgEntry> orgs = new ArrayList<>();
    final List<AccountEntry> accounts = new ArrayList<>();
    final List<KeyEntry> keys = new ArrayList<>();
    final List<ImportError> errors = new ArrayList<>();

    /** Converts {@code rows}; problems end up in {@link #errors}. */
    static ImportEntries of(List<ImportRow> rows) {
        ImportEntries e = new ImportEntries();
        for (ImportRow r : rows) {
            int before = e.errors.size();
            Fields f = e.new Fields(r);
            switch (r.section()) {
                case "tiers" -> {
                    String name = f.id("name", Ids.TIER_NAME);
                    long rpm = f.positive("requestsPerMinute");
                    long itpm = f.positive("inputTokensPerMinute");
                    long otpm = f.positive("outputTokensPerMinute");
                    long otpd = f.positive("outputTokensPerDay");
                    long ceiling = f.positive("maxTokensCeiling");
                    if (e.errors.size() == before) {
                        e.tiers.add(new TierEntry(r.line(), new Tier(name, rpm, itpm, otpm, otpd, (int) ceiling)));
                    }
                }
                case "orgs" -> {
                    OrgEntry o = new OrgEntry(r.line(), f.id("id", Ids.ENTITY_ID), r.get("name"), f.instant("createdAt"));
                    if (e.errors.size() == before) {
                        e.orgs.add(o);
                    }
                }
                case "accounts" -> {
                    AccountEntry a = new AccountEntry(r.line(), f.id("id", Ids.ENTITY_ID), f.id("org", Ids.ENTITY_ID),
                            f.optionalId("tier", Ids.TIER_NAME), r.get("emailDomain"),
                            r.get("paymentFingerprintHash"), r.get("verifiedIdHash"), r.get("signupPath"),
                            f.bool("verified"), f.status(), f.instant("createdAt"));
                    if (e.errors.size() == before) {
                        e.accounts.add(a);
                    }
                }
                case "keys" -> {
                    KeyEntry k = new KeyEntry(r.line(), f.id("id", Ids.KEY_ID), f.id("account", Ids.ENTITY_ID),
                            r.get("name"), f.keyHash(), f.instant("createdAt"), f.instant("revokedAt"));
                    if (e.errors.size() == before) {
                        e.keys.add(k);
                    }
                }
                default -> e.errors.add(new ImportError(r.line(), r.section(), "unknown section"));
            }
        }
        return e;
    }

    /** Field readers for one row that report problems instead of throwing. */
    private final class Fields {
        private final ImportRow row;

        Fields(ImportRow row) {
            this.row = row;
        }

        private <T> T fail(String field, String message) {
            errors.add(new ImportError(row.line(), row.section() + "." + field, message));
            return null;
        }

        String id(String field, Pattern shape) {
            String v = row.get(field);
            return v == null ? fail(field, "is required") : optionalId(field, shape);
        }

        String optionalId(String field, Pattern shape) {
            String v = row.get(field);
            return v == null || shape.matcher(v).matches() ? v : fail(field, "'" + v + "' must match " + shape);
        }

        long positive(String field) {
            if (row.get(field) == null) {
                fail(field, "is required");
                return 0;
            }
            Long v = parse(field, Long::parseLong, "a whole number");
            long max = field.equals("maxTokensCeiling") ? Integer.MAX_VALUE : Long.MAX_VALUE;
            if (v != null && (v < 1 || v > max)) {
                fail(field, v + " is out of range 1.." + max);
            }
            return v == null ? 0 : v;
        }

        boolean bool(String field) {
            String v = row.get(field);
            if (v == null) {
                return false;
            }
            return switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> {
                    fail(field, "'" + v + "' is not true or false");
                    yield false;
                }
            };
        }

        AccountStatus status() {
            String v = row.get("status");
            AccountStatus s = AccountStatus.parse(v);
            return v == null || s != null ? s : fail("status", "'" + v + "' is not active, suspended or closed");
        }

        Instant instant(String field) {
            return parse(field, Instant::parse, "an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        }

        KeyHash keyHash() {
            String saltText = row.get("salt");
            String hashText = row.get("hash");
            if (saltText == null && hashText == null) {
                return null;
            }
            if (saltText == null || hashText == null) {
                return fail(saltText == null ? "salt" : "hash", "is required with " + (saltText == null ? "hash" : "salt"));
            }
            byte[] salt = parse("salt", HexFormat.of()::parseHex, "hex");
            byte[] hash = parse("hash", HexFormat.of()::parseHex, "hex");
            if (salt == null || hash == null) {
                return null;
            }
            try {
                return new KeyHash(salt, hash);
            } catch (IllegalArgumentException ex) {
                return fail(salt.length < 8 ? "salt" : "hash", ex.getMessage());
            }
        }

        private <T> T parse(String field, Function<String, T> parser, String expected) {
            String v = row.get(field);
            if (v == null) {
                return null;
            }
            try {
                return parser.apply(v);
            } catch (IllegalArgumentException | DateTimeParseException ex) {
                return fail(field, "'" + v + "' is not " + expected);
            }
        }
    }
}
