package io.distillguard.policy.decision;

import java.time.Instant;
import java.util.Comparator;

/**
 * What the policy engine (or an operator) decided about a scope. The gateway reads the most severe active enforce
 * decision from the decision cache on each request; the audit log records every one. Decisions are totally ordered by
 * {@link #MOST_SEVERE_FIRST}.
 */
public sealed interface Decision permits Allow, Tag, Watermark, Degrade, Throttle, RequireVerification, Block {

    /** Most severe first: severity, then intensity within the type, then priority, then the longer-lived, then id. */
    Comparator<Decision> MOST_SEVERE_FIRST = Comparator
            .comparing(Decision::severity).reversed()
            .thenComparing(Comparator.comparingDouble(Decision::intensity).reversed())
            .thenComparing(Comparator.comparingInt((Decision d) -> d.issuance().priority()).reversed())
            .thenComparing((Decision d) -> d.expiresAt() == null ? Instant.MAX : d.expiresAt(),
                    Comparator.reverseOrder())
            .thenComparing(Decision::id);

    Issuance issuance();

    Severity severity();

    /** Strength within one severity (e.g. a throttle to 5% outranks one to 50%); 0 where the type has none. */
    default double intensity() {
        return 0.0;
    }

    /** A copy in {@code mode}, with {@code note} added to the evidence (null for none). */
    Decision withIssuance(Issuance issuance);

    default Decision withMode(Mode mode, String note) {
        return withIssuance(issuance().withMode(mode, note));
    }

    default String id() {
        return issuance().id();
    }

    /** Rule name, or {@code operator:<name>} for manual actions. */
    default String ruleName() {
        return issuance().issuer();
    }

    default Mode mode() {
        return issuance().mode();
    }

    default Scope scope() {
        return issuance().scope();
    }

    default Instant issuedAt() {
        return issuance().issuedAt();
    }

    default Instant expiresAt() {
        return issuance().expiresAt();
    }

    default Evidence evidence() {
        return issuance().evidence();
    }

    default boolean enforced() {
        return issuance().mode() == Mode.ENFORCE;
    }

    default boolean activeAt(Instant now) {
        return issuance().activeAt(now);
    }

    /** Short name of the action as written in policy files ({@code throttle}, {@code require_verification}). */
    default String action() {
        return severity().name().toLowerCase();
    }
}
