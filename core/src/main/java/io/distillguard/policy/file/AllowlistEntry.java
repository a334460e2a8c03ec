package io.distillguard.policy.file;

/**
 * An entity or account the operator has a contract with: never enforced against, still watched in shadow.
 *
 * @param subject  entity or account id
 * @param contract contract reference (mandatory: an allowlist entry without a contract is rejected)
 * @param note     free text
 */
public record AllowlistEntry(String subject, String contract, String note) {
}
