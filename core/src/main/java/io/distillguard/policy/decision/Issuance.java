package io.distillguard.policy.decision;

import java.time.Instant;
import java.util.Objects;

/**
 * Who issued a decision, when, for how long, to whom and on what evidence: the part every {@link Decision} shares.
 *
 * @param id        stable decision id ({@code dec_...}), derived from issuer, scope and time so that a replay of the
 *                  same history reproduces the same ids
 * @param issuer    rule name, or {@code operator:<name>} for manual actions
 * @param mode      enforce or shadow
 * @param scope     what the decision applies to
 * @param issuedAt  when it was issued
 * @param expiresAt when it lapses, or null for "until lifted"
 * @param priority  the rule's priority; breaks ties between decisions of equal severity (higher wins)
 * @param evidence  why
 */
public record Issuance(String id, String issuer, Mode mode, Scope scope, Instant issuedAt, Instant expiresAt,
                       int priority, Evidence evidence) {

    public Issuance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(evidence, "evidence");
        if (expiresAt != null && !expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }

    /** True while the decision has not lapsed at {@code now}. */
    public boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    public Issuance withMode(Mode newMode, String note) {
        return new Issuance(id, issuer, newMode, scope, issuedAt, expiresAt, priority,
                note == null ? evidence : evidence.withNote(note));
    }

    /** Deterministic decision id for {@code issuer} on {@code scope} at {@code issuedAt}. */
    public static String idFor(String issuer, Scope scope, Instant issuedAt) {
        String material = issuer + '|' + scope + '|' + issuedAt.toEpochMilli();
        long h = com.dynatrace.hash4j.hashing.Hashing.komihash5_0().hashCharsToLong(material);
        return "dec_" + String.format("%016x", h);
    }
}
