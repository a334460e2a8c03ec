package io.distillguard.policy.decision;

/**
 * Watermark the scope's outputs so that a model distilled from them carries a detectable trace.
 *
 * @param strength watermark strength in (0, 1]: higher is easier to detect in a student model and costs more quality
 */
public record Watermark(double strength, Issuance issuance) implements Decision {

    public Watermark {
        if (!(strength > 0.0 && strength <= 1.0)) {
            throw new IllegalArgumentException("watermark strength must be in (0, 1]: " + strength);
        }
    }

    @Override
    public Severity severity() {
        return Severity.WATERMARK;
    }

    @Override
    public double intensity() {
        return strength;
    }

    @Override
    public Decision withIssuance(Issuance issuance) {
        return new Watermark(strength, issuance);
    }
}
