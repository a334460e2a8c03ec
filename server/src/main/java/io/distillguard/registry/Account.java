package io.distillguard.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * An API account of an organisation, with the signup attributes the account-linking and detection engines use.
 *
 * @param emailDomain            domain of the signup email (e.g. "gmail.com"), or null
 * @param paymentFingerprintHash hash of the payment instrument's fingerprint (never the card data), or null
 * @param verifiedIdHash         hash of a verified identity document, or null
 * @param signupPath             how the account was created (e.g. "web", "sales", "api"), or null
 * @param verified               whether identity verification passed
 */
public record Account(String id, String orgId, String tierName, Instant createdAt, String emailDomain,
                      String paymentFingerprintHash, String verifiedIdHash, String signupPath, boolean verified,
                      AccountStatus status) {

    public Account {
        Ids.require(Ids.ENTITY_ID, id, "account id");
        Ids.require(Ids.ENTITY_ID, orgId, "org id");
        Ids.require(Ids.TIER_NAME, tierName, "tier name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
    }

    public Account withTier(String tier) {
        return new Account(id, orgId, tier, createdAt, emailDomain, paymentFingerprintHash, verifiedIdHash, signupPath,
                verified, status);
    }

    public Account withStatus(AccountStatus s) {
        return new Account(id, orgId, tierName, createdAt, emailDomain, paymentFingerprintHash, verifiedIdHash,
                signupPath, verified, s);
    }

    public boolean active() {
        return status == AccountStatus.ACTIVE;
    }
}
