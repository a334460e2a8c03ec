package io.distillguard.policy.decision;

import java.time.Instant;

/** Nothing to enforce: what the decision cache answers when no active enforce decision covers a request. */
public record Allow(Issuance issuance) implements Decision {

    /** The answer for a request no decision covers. */
    public static final Allow NONE = new Allow(new Issuance("dec_none", "none", Mode.ENFORCE,
            Scope.entity("*"), Instant.EPOCH, null, 0, Evidence.NONE));

    @Override
    public Severity severity() {
        return Severity.ALLOW;
    }

    @Override
    public Decision withIssuance(Issuance issuance) {
        return new Allow(issuance);
    }
}
