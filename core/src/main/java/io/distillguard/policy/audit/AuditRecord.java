package io.distillguard.policy.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * One line of the audit log: who did what to whom, when, until when, on what evidence, or what a decision cost the
 * entity. Hash-chained: {@code prev} is the previous record's {@code hash}, and {@code hash} is the SHA-256 of this
 * record's canonical JSON without the {@code hash} field (prev included), so any edit, deletion or reordering breaks
 * the chain. Fields that do not apply to a type are null and left out of the JSON.
 *
 * @param seq             1-based position in the log
 * @param type            {@link AuditRecordType} in lower case
 * @param at              when it happened (ISO-8601)
 * @param actor           rule name, {@code operator:<name>}, or {@code policy-loader}
 * @param action          decision action ({@code throttle}, ...), {@code lift}, {@code cost} or {@code load}
 * @param params          action parameters (e.g. factor, delay_ms)
 * @param mode            enforce or shadow
 * @param scope           {@code entity:<id>}, {@code account:<id>} or {@code key:<id>}
 * @param accounts        the entity's accounts at decision time
 * @param signals         per-signal scores the rule read
 * @param facts           variable values the rule read
 * @param expiresAt       expiry (ISO-8601), or null for until lifted
 * @param decisionId      the decision this record concerns
 * @param note            reason, allowlist note, policy version
 * @param requestsRefused cost: requests refused or degraded under the decision
 * @param tokensWithheld  cost: tokens the entity did not get because of the decision
 * @param prev            hash of the previous record (64 zeros for the first)
 * @param hash            SHA-256 of this record's canonical bytes without this field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record AuditRecord(long seq, String type, String at, String actor, String action, Map<String, Object> params,
                          String mode, String scope, List<String> accounts, Map<String, Double> signals,
                          Map<String, Object> facts, String expiresAt, String decisionId, String note,
                          Long requestsRefused, Long tokensWithheld, String prev, String hash) {

    /** A copy placed in the chain. */
    AuditRecord chained(long seq, String prev, String hash) {
        return new AuditRecord(seq, type, at, actor, action, params, mode, scope, accounts, signals, facts, expiresAt,
                decisionId, note, requestsRefused, tokensWithheld, prev, hash);
    }
}
