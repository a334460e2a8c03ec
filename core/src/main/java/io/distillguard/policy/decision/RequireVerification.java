package io.distillguard.policy.decision;

/** Refuse the scope's requests until its owner passes verification (KYC); {@code message} is shown to the caller. */
public record RequireVerification(String message, Issuance issuance) implements Decision {

    @Override
    public Severity severity() {
        return Severity.REQUIRE_VERIFICATION;
    }

    @Override
    public Decision withIssuance(Issuance issuance) {
        return new RequireVerification(message, issuance);
    }
}
