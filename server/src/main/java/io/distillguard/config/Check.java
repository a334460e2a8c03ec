package io.distillguard.config;

/** Validation helpers for config records: fail at start with the field's name. */
final class Check {
    private Check() {}

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], got " + value);
        }
    }
}
