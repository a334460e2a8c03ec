package io.distillguard.policy.input;

import java.util.Map;

/**
 * The account whose traffic triggered the evaluation. Seen by policies as {@code account}.
 *
 * @param id          account id
 * @param orgId       organisation id ("" when none)
 * @param tier        commercial tier
 * @param ageDays     days since the account was created
 * @param verified    whether the account passed verification
 * @param emailDomain domain of the sign-up e-mail ("" when unknown)
 * @param signupPath  how the account was created ({@code web}, {@code api}, {@code reseller}, ...; "" when unknown)
 */
public record AccountContext(String id, String orgId, String tier, long ageDays, boolean verified, String emailDomain,
                             String signupPath) {

    /** An account about which nothing is known yet. */
    public static AccountContext unknown(String id) {
        return new AccountContext(id, "", "", 0, false, "", "");
    }

    public Map<String, Object> toCel() {
        return Map.of("id", nz(id), "org_id", nz(orgId), "tier", nz(tier), "age_days", ageDays,
                "verified", verified, "email_domain", nz(emailDomain), "signup_path", nz(signupPath));
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
