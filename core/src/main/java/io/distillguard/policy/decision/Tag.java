package io.distillguard.policy.decision;

/** Mark the scope for review and reporting without changing what the caller receives. */
public record Tag(String label, Issuance issuance) implements Decision {

    @Override
    public Severity severity() {
        return Severity.TAG;
    }

    @Override
    public Decision withIssuance(Issuance issuance) {
        return new Tag(label, issuance);
    }
}
