package io.distillguard.store;

import java.util.List;

/**
 * One numbered step of the schema. Steps are applied in version order, each in its own transaction, and recorded in
 * {@code schema_version}; a step is never edited once released, a change is a new step.
 *
 * @param version     strictly increasing, starting at 1
 * @param description what the step does, stored alongside the version
 * @param statements  DDL run in order
 */
public record Migration(int version, String description, List<String> statements) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
        statements = List.copyOf(statements);
    }
}
