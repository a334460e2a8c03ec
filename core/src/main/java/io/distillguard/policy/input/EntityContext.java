package io.distillguard.policy.input;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the detectors and the linking engine know about the entity behind a request; the lead fills it from the
 * detection engine's output. Seen by policies as {@code entity}.
 *
 * @param id                     entity id
 * @param accounts               accounts the entity controls
 * @param accountsCreatedLastDay accounts of the entity created in the last 24 hours
 * @param risk                   overall risk score in [0, 1]
 * @param linkConfidence         confidence in [0, 1] that the accounts really share one controller (1 for a single
 *                               account)
 * @param verified               whether the entity passed verification (KYC)
 * @param allowlisted            whether the caller already knows the entity is allowlisted (the policy file's own
 *                               allowlist is applied on top)
 * @param tier                   commercial tier ({@code free}, {@code paid}, {@code enterprise}, ...)
 * @param requests1h             requests in the last hour
 * @param tokens1h               tokens (input + output) in the last hour
 * @param distinctIps1h          distinct client addresses in the last hour
 */
public record EntityContext(String id, List<String> accounts, long accountsCreatedLastDay, double risk,
                            double linkConfidence, boolean verified, boolean allowlisted, String tier,
                            long requests1h, long tokens1h, long distinctIps1h) {

    public EntityContext {
        Objects.requireNonNull(id, "id");
        accounts = List.copyOf(accounts == null ? List.of() : accounts);
        tier = tier == null ? "" : tier;
    }

    /** CEL value of {@code entity}. */
    public Map<String, Object> toCel() {
        return Map.ofEntries(
                Map.entry("id", id),
                Map.entry("accounts", accounts),
                Map.entry("account_count", (long) accounts.size()),
                Map.entry("accounts_created_last_day", accountsCreatedLastDay),
                Map.entry("risk", risk),
                Map.entry("link_confidence", linkConfidence),
                Map.entry("verified", verified),
                Map.entry("allowlisted", allowlisted),
                Map.entry("tier", tier),
                Map.entry("requests_1h", requests1h),
                Map.entry("tokens_1h", tokens1h),
                Map.entry("distinct_ips_1h", distinctIps1h));
    }

    /** A copy marked allowlisted. */
    public EntityContext asAllowlisted() {
        return new EntityContext(id, accounts, accountsCreatedLastDay, risk, linkConfidence, verified, true, tier,
                requests1h, tokens1h, distinctIps1h);
    }
}
