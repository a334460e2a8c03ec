package io.distillguard.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns YAML and CSV import files into {@link ImportRow}s with their line numbers (Jackson parsers). */
final class ImportFileReaders {

    static final Set<String> SECTIONS = Set.of("tiers", "orgs", "accounts", "keys");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final CsvMapper CSV = new CsvMapper();

    /** Rows, or the errors that stopped parsing. */
    record Parsed(List<ImportRow> rows, List<ImportError> errors) {
    }

    private ImportFileReaders() {
    }

    static Parsed yaml(String text) {
        List<ImportRow> rows = new ArrayList<>();
        List<ImportError> errors = new ArrayList<>();
        try (JsonParser p = YAML.createParser(text)) {
            if (p.nextToken() == null) {
                return new Parsed(rows, errors);
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return new Parsed(rows, List.of(new ImportError(line(p), null,
                        "expected a mapping with the sections " + SECTIONS)));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String section = p.currentName();
                int sectionLine = line(p);
                JsonToken t = p.nextToken();
                if (!SECTIONS.contains(section) || t != JsonToken.START_ARRAY) {
                    errors.add(new ImportError(sectionLine, section, "expected one of " + SECTIONS + " as a list"));
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    readRecord(p, section, rows, errors);
                }
            }
        } catch (JsonProcessingException e) {
            errors.clear();
            errors.add(new ImportError(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            errors.add(new ImportError(0, null, "cannot read YAML: " + e.getMessage()));
        }
        return new Parsed(rows, errors);
    }

    /** One record of a YAML list, a flat mapping of scalars kept as written ({@code 00} stays "00", not 0). */
    private static void readRecord(JsonParser p, String section, List<ImportRow> rows, List<ImportError> errors)
            throws IOException {
        int start = line(p);
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            errors.add(new ImportError(start, section, "expected a mapping of fields"));
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            start = fields.isEmpty() ? line(p) : start;
            JsonToken value = p.nextToken();
            if (value.isStructStart()) {
                errors.add(new ImportError(line(p), section + "." + name, "must be a single value"));
                p.skipChildren();
            } else {
                fields.put(name, value == JsonToken.VALUE_NULL ? null : p.getText());
            }
        }
        rows.add(new ImportRow(section, start, fields));
    }

    /**
     * One account per CSV row (header required, snake_case columns in any order); each row also yields its org and,
     * when {@code key_id} is set, a key. Fields are renamed to the YAML names.
     */
    static Parsed csv(String text) {
        List<ImportRow> rows = new ArrayList<>();
        List<ImportError> errors = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            while (true) {
                int at = it.getParser().currentLocation().getLineNr();
                if (!it.hasNextValue()) {
                    break;
                }
                Map<String, String> r = it.nextValue();
                rows.add(new ImportRow("orgs", at, fields(r, "org_id", "id", "org_name", "name")));
                rows.add(new ImportRow("accounts", at, fields(r, "account_id", "id", "org_id", "org", "tier", "tier",
                        "email_domain", "emailDomain", "payment_fingerprint_hash", "paymentFingerprintHash",
                        "verified_id_hash", "verifiedIdHash", "signup_path", "signupPath", "verified", "verified",
                        "status", "status", "created_at", "createdAt")));
                if (r.get("key_id") != null && !r.get("key_id").isBlank()) {
                    rows.add(new ImportRow("keys", at, fields(r, "key_id", "id", "account_id", "account",
                            "key_name", "name", "key_salt", "salt", "key_hash", "hash")));
                }
            }
        } catch (RuntimeException | IOException e) {
            Throwable cause = e.getCause() instanceof JsonProcessingException j ? j : e;
            int line = cause instanceof JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr() : 0;
            errors.add(new ImportError(line, null, "not valid CSV: "
                    + (cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage())));
        }
        return new Parsed(rows, errors);
    }

    /** {@code pairs} alternates a CSV column and the field name it becomes. */
    private static Map<String, String> fields(Map<String, String> row, String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (row.containsKey(pairs[i])) {
                out.put(pairs[i + 1], row.get(pairs[i]));
            }
        }
        return out;
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
