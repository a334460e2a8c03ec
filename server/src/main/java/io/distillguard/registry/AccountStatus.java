package io.distillguard.registry;

import java.util.Locale;

/** Whether an account's keys may call the API. Only {@link #ACTIVE} accounts authenticate. */
public enum AccountStatus {
    ACTIVE,
    /** Blocked by an operator or the policy engine; reversible. */
    SUSPENDED,
    /** Closed for good. */
    CLOSED;

    /** Lower-case name, as in JSON, YAML and CSV. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code s} in any case, or null. */
    public static AccountStatus parse(String s) {
        for (AccountStatus v : values()) {
            if (v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        return null;
    }
}
