package io.distillguard.detect.account;

import java.time.Instant;
import java.util.Objects;

/**
 * What the account store knows about an account at signup and verification, as the detectors and the linker need
 * it. Hashes are opaque strings (never the card number or the ID document).
 *
 * @param accountId              account id
 * @param orgId                  organisation the account belongs to
 * @param tier                   the account's tier and its limits
 * @param createdAt              signup time
 * @param emailDomain            domain of the signup email, lower case; may be null
 * @param paymentFingerprintHash hash of the payment instrument's fingerprint; may be null
 * @param verifiedIdHash         hash of the verified government ID; may be null
 * @param signupPath             how the account signed up (e.g. "self-serve", "edu", "startup-credits"); may be null
 * @param verified               whether the organisation is verified
 * @param asn                    autonomous system number of the signup address; null when unknown
 */
public record AccountProfile(
        String accountId,
        String orgId,
        TierLimits tier,
        Instant createdAt,
        String emailDomain,
        String paymentFingerprintHash,
        String verifiedIdHash,
        String signupPath,
        boolean verified,
        Integer asn) {

    public AccountProfile {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
