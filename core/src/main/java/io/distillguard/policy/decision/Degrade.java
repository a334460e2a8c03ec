package io.distillguard.policy.decision;

import java.util.Objects;

/** Serve the scope, but without the response features that make extraction cheap (see {@link DegradeSpec}). */
public record Degrade(DegradeSpec spec, Issuance issuance) implements Decision {

    public Degrade {
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public Severity severity() {
        return Severity.DEGRADE;
    }

    @Override
    public double intensity() {
        return spec.restrictions();
    }

    @Override
    public Decision withIssuance(Issuance issuance) {
        return new Degrade(spec, issuance);
    }
}
