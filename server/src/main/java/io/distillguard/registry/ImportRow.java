package io.distillguard.registry;

import java.util.Map;

/**
 * One record of an import file before validation: its section ({@code tiers}, {@code orgs}, {@code accounts},
 * {@code keys}), the line it starts on, and its fields as text keyed by camelCase name.
 */
record ImportRow(String section, int line, Map<String, String> fields) {

    /** The trimmed value of {@code field}, or null when absent or blank. */
    String get(String field) {
        String v = fields.get(field);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
