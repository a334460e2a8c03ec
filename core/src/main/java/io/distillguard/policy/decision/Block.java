package io.distillguard.policy.decision;

/** Refuse every request of the scope; {@code reason} is returned to the caller. */
public record Block(String reason, Issuance issuance) implements Decision {

    @Override
    public Severity severity() {
        return Severity.BLOCK;
    }

    @Override
    public Decision withIssuance(Issuance issuance) {
        return new Block(reason, issuance);
    }
}
