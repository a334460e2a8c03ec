package io.distillguard.policy.file;

import java.util.List;

/**
 * A policy file exactly as written (YAML, snake_case keys), before validation. {@link PolicyLoader} turns it into a
 * {@link Policy} or rejects it.
 */
public record PolicyDocument(String version, List<AllowlistDocument> allowlist, List<RuleDocument> rules) {

    /** One allowlist entry: an entity or an account with a contract that permits heavy use. */
    public record AllowlistDocument(String entity, String account, String contract, String note) {
    }

    /** One rule as written; see docs/policies.md for the meaning of each key. */
    public record RuleDocument(String name, String description, String when, String action, ActionParams params,
                               String duration, String mode, Integer priority, String scope) {
    }
}
