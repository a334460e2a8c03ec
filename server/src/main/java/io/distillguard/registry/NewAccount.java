package io.distillguard.registry;

/**
 * What a caller supplies to create an account; the registry adds the creation time and the ACTIVE status.
 *
 * @param id       the account id, or null for a generated {@code acct_...}
 * @param tierName the tier, or null for {@link DefaultTiers#FREE}
 */
public record NewAccount(String id, String orgId, String tierName, String emailDomain, String paymentFingerprintHash,
                         String verifiedIdHash, String signupPath, boolean verified) {
}
